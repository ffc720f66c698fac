namespace Convene;

/// <summary>A request about a bridge that cannot be done as asked: the status, a title a person can act
/// on, and the detail. Rendered as ProblemDetails in one place (<see cref="Data.ProblemMapping"/>).</summary>
public sealed class ProblemException(int status, string title, string? detail = null, string? type = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>A short machine-readable kind, such as <c>cluster-already-added</c>.</summary>
    public string? Type { get; } = type;

    public static ProblemException BridgeNotFound(Guid id) => new(404, $"No bridge {id}.", type: "bridge-not-found");
}
