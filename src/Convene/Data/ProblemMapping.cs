using Convene.Bridges;
using Convene.Cms;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Convene.Data;

/// <summary>Maps domain failures to ProblemDetails, in one place.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, type) = exception switch
        {
            ProblemException p => (p.Status, p.Title, p.Detail, p.Type),
            CmsApiException cms => (StatusCodes.Status502BadGateway, CmsTitle(cms.Kind), cms.Message, "cms-" + cms.Kind.ToString().ToLowerInvariant()),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this at the same time; reload and try again.", null, "concurrency"),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", bad.Message, "bad-request"),
            _ => (0, "", null, null),
        };
        if (status == 0)
        {
            return false;
        }
        if (exception is CmsApiException)
        {
            Log.CmsRequestFailed(logger, exception, context.Request.Path);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type is null ? null : "https://convene.invalid/problems/" + type },
        });
    }

    private static string CmsTitle(CmsErrorKind kind) => kind switch
    {
        CmsErrorKind.Connection => "The bridge could not be reached.",
        CmsErrorKind.Timeout => "The bridge did not answer in time.",
        CmsErrorKind.Authentication => "The bridge refused Convene's API credentials.",
        CmsErrorKind.Certificate => "The bridge's certificate is not trusted.",
        CmsErrorKind.Busy => "The bridge is busy.",
        CmsErrorKind.InvalidResponse => "The bridge answered something that is not a CMS API answer.",
        _ => "The bridge refused the request.",
    };
}
