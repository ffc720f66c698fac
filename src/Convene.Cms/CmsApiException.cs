using System.Net;

namespace Convene.Cms;

/// <summary>What went wrong, so a caller can act without parsing text.</summary>
public enum CmsErrorKind
{
    /// <summary>The bridge refused the request (a <c>failureDetails</c> that is none of the kinds below).</summary>
    Refused,

    /// <summary>An object does not exist (404, <c>…DoesNotExist</c>, <c>unrecognizedObject</c>).</summary>
    NotFound,

    /// <summary>A URI, call ID or name is taken (<c>duplicate…</c>).</summary>
    Duplicate,

    /// <summary>A parameter was refused (<c>parameterError</c>).</summary>
    InvalidParameter,

    /// <summary>The bridge is busy (503) and stayed busy through the retries.</summary>
    Busy,

    /// <summary>401 or 403: wrong user or password, or the user may not use the API.</summary>
    Authentication,

    /// <summary>No connection: refused, reset, DNS failure, unreachable.</summary>
    Connection,

    /// <summary>The certificate is not trusted, or does not match the pinned fingerprint.</summary>
    Certificate,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>The answer is not what a CMS sends: not XML, the wrong root, too large, a missing Location.</summary>
    InvalidResponse,

    /// <summary>A 5xx other than 503.</summary>
    ServerError,
}

/// <summary>One child of a CMS <c>&lt;failureDetails&gt;</c>: the reason name and, for
/// <c>parameterError</c>, the parameter and the error.</summary>
/// <param name="Name">The reason, such as <c>coSpaceDoesNotExist</c> or <c>parameterError</c>.</param>
/// <param name="Parameter">The parameter a <c>parameterError</c> is about.</param>
/// <param name="Error">The error of a <c>parameterError</c>, such as <c>invalidValue</c>.</param>
public sealed record CmsFailureReason(string Name, string? Parameter = null, string? Error = null);

/// <summary>
/// The one exception the CMS client throws: the node, method and path, the HTTP status, the
/// <c>failureDetails</c> reasons, and a <see cref="Kind"/> to branch on. It never carries a password.
/// </summary>
public sealed class CmsApiException : Exception
{
    /// <summary>Creates an exception for one failed request.</summary>
    public CmsApiException(CmsErrorKind kind, string node, string method, string path, HttpStatusCode? status,
        IReadOnlyList<CmsFailureReason> reasons, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Node = node;
        Method = method;
        Path = path;
        Status = status;
        Reasons = reasons;
    }

    /// <summary>What went wrong.</summary>
    public CmsErrorKind Kind { get; }

    /// <summary>The node the request went to.</summary>
    public string Node { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path under the Web Admin, such as <c>/api/v1/coSpaces/…</c>.</summary>
    public string Path { get; }

    /// <summary>The HTTP status, when the bridge answered.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The reasons in the answer's <c>failureDetails</c>, if any.</summary>
    public IReadOnlyList<CmsFailureReason> Reasons { get; }

    /// <summary>True when the object does not exist.</summary>
    public bool IsNotFound => Kind == CmsErrorKind.NotFound;

    /// <summary>True when a reason of this name is among <see cref="Reasons"/>.</summary>
    public bool HasReason(string name) => Reasons.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when it is worth trying the same request on another node: the bridge could not
    /// be reached, did not answer in time, or was busy.</summary>
    public bool IsTransient => Kind is CmsErrorKind.Connection or CmsErrorKind.Timeout or CmsErrorKind.Busy or CmsErrorKind.ServerError;
}
