namespace Convene.Data;

/// <summary>
/// Says what went wrong in every ProblemDetails that has no detail of its own: the answers ASP.NET Core gives by
/// itself (UseStatusCodePages) for a path no endpoint serves (404), a method the endpoint does not take (405), a body
/// that is not JSON (415), and the like, and a handler's bare <c>NotFound()</c>.
/// </summary>
internal static class StatusProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }
        var http = context.HttpContext;
        var request = $"{http.Request.Method} {http.Request.Path}";
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"There is no {request}: no endpoint has this path. The API is described at /openapi/v1.json.",
            StatusCodes.Status404NotFound => $"Nothing was found for {request}.",
            StatusCodes.Status405MethodNotAllowed => http.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{http.Request.Path} does not take {http.Request.Method}; it takes {string.Join(", ", allow.ToArray())}."
                : $"{http.Request.Path} does not take {http.Request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => string.IsNullOrEmpty(http.Request.ContentType)
                ? $"{request} takes a JSON body: send it with Content-Type: application/json (this request named no content type)."
                : $"{request} takes a JSON body: send it with Content-Type: application/json, not '{ProblemException.Quote(http.Request.ContentType, 100)}'.",
            StatusCodes.Status401Unauthorized => "Sign in with HTTP Basic, or with the cookie that POST /api/account/login sets.",
            StatusCodes.Status403Forbidden => $"Your role does not allow {request}.",
            StatusCodes.Status406NotAcceptable => $"{request} answers JSON only: accept application/json or application/problem+json.",
            _ => null,
        };
    }
}
