using Convene.Cms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Live;

/// <summary>What a control action on a live page came to: <paramref name="Done"/> says what happened, or
/// <paramref name="Error"/> (with its HTTP <paramref name="Status"/> as the REST API would answer) why not, and
/// <paramref name="Fields"/> which inputs are wrong (camelCase names, as the API's <c>errors</c>).</summary>
public sealed record LiveOutcome(string? Done, string? Error = null, int? Status = null, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public bool Succeeded => Error is null;

    /// <summary>The first message for <paramref name="field"/>, if any.</summary>
    public string? FieldError(string field) => Fields is not null && Fields.TryGetValue(field, out var messages) && messages.Length > 0 ? messages[0] : null;

    public static LiveOutcome Refused(int status, string error) => new(null, error, status);

    /// <summary>The problem an API handler answered (a ProblemDetails or a ValidationProblem), or success.</summary>
    public static LiveOutcome FromResult(IResult result, string done) => result switch
    {
        ValidationProblem v => new(null, v.ProblemDetails.Title ?? "Not valid.", 400, v.ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value)),
        ProblemHttpResult p => new(null, Describe(p.ProblemDetails), p.StatusCode),
        _ => new(done),
    };

    /// <summary>The failure as the REST API's exception handler (<c>ProblemMapping</c>) would answer it; null for a
    /// failure it does not map (which is thrown on).</summary>
    public static LiveOutcome? FromException(Exception exception) => exception switch
    {
        ProblemException p => new(null, p.Detail is { } d && d != p.Title ? $"{p.Title} {d}" : p.Title, p.Status,
            p.Errors?.ToDictionary(e => e.Key, e => e.Value)),
        CmsApiException cms => new(null, $"The bridge refused: {cms.Message}", 502),
        DbUpdateConcurrencyException => new(null, "Someone else changed this at the same time; try again.", 409),
        _ => null,
    };

    private static string Describe(ProblemDetails details) =>
        details.Detail is { } d && d != details.Title ? $"{details.Title} {d}" : details.Title ?? $"Refused ({details.Status}).";
}
