using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Convene.Tests.Bridges;

/// <summary>The <c>errors</c> of a ValidationProblemDetails, by field.</summary>
public static class ProblemErrors
{
    public static Dictionary<string, string[]> Errors(this ProblemDetails problem)
    {
        Assert.True(problem.Extensions.TryGetValue("errors", out var errors), $"The problem has no errors by field: {problem.Title}");
        return ((JsonElement)errors!).Deserialize<Dictionary<string, string[]>>()!;
    }
}
