namespace Convene;

/// <summary>A request about a bridge that cannot be done as asked: the status, a title a person can act
/// on, and the detail. Rendered as ProblemDetails in one place (<see cref="Data.ProblemMapping"/>); with
/// <see cref="Errors"/>, as ValidationProblemDetails whose <c>errors</c> name each wrong field.</summary>
public sealed class ProblemException(int status, string title, string? detail = null, string? type = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>A short machine-readable kind, such as <c>already-managed</c>.</summary>
    public string? Type { get; } = type;

    /// <summary>What is wrong, by field name (camelCase, as the JSON body spells it); null when no field is at fault.</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    public static ProblemException BridgeNotFound(Guid id) => new(404, $"No bridge {id}.", type: "bridge-not-found");

    /// <summary>A 400 whose <c>errors</c> name the fields at fault; its detail says each distinct message once, so a
    /// message shared by several fields is not repeated.</summary>
    public static ProblemException Invalid(IDictionary<string, string[]> errors, string title = "The request is not valid.", string type = "invalid-request") =>
        new(400, title, string.Join(" ", errors.SelectMany(e => e.Value).Distinct(StringComparer.Ordinal)), type) { Errors = errors };

    /// <summary>A 400 naming one field.</summary>
    public static ProblemException Invalid(string field, string message, string type = "invalid-request") =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, message, type);

    /// <summary>Text a person typed, cut short for a message so a huge input is never echoed back.</summary>
    public static string Quote(string? text, int max = 80) =>
        text is null ? "" : text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
