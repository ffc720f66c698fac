using Microsoft.Extensions.Logging;

namespace Convene.Cms.Protocol;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "CMS {Node}: {Method} {Path} answered {Status} in {ElapsedMs:0.0} ms {Form}")]
    public static partial void Request(ILogger logger, string node, string method, string path, int? status, double elapsedMs, string form);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CMS {Node}: {Method} {Resource} failed ({Status}, {Kind}): {Detail}")]
    public static partial void RequestFailed(ILogger logger, string node, string method, string resource, int? status, CmsErrorKind kind, string detail);
}
