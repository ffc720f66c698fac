using Convene.Cms;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Components.Bridges;

/// <summary>What a page shows for an error of the services, worded as the API's problem details word it: a message
/// (title and detail) and the field errors by the API's camelCase field name (e.g. <c>numericIdBase</c>).</summary>
public sealed record UiProblem(string Message, IReadOnlyDictionary<string, string[]> Fields)
{
    /// <summary>The problem of <paramref name="exception"/>, or null when it is not one the API answers as a problem
    /// (<see cref="ProblemException"/>, <see cref="CmsApiException"/> as a 502, a concurrency conflict as a 409).</summary>
    public static UiProblem? From(Exception exception) => exception switch
    {
        ProblemException p => new UiProblem(p.Detail is null || p.Detail == p.Title ? p.Title : $"{p.Title} {p.Detail}",
            p.Errors is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]>(p.Errors)),
        CmsApiException cms => new UiProblem(cms.Message, new Dictionary<string, string[]>()),
        DbUpdateConcurrencyException => new UiProblem("Someone else changed this at the same time; reload and try again.", new Dictionary<string, string[]>()),
        _ => null,
    };

    /// <summary>The messages for one field (by its camelCase name), empty when it has none.</summary>
    public string[] For(string field) => Fields.TryGetValue(field, out var messages) ? messages : [];
}
