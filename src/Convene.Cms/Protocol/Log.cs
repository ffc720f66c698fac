using Microsoft.Extensions.Logging;

namespace Convene.Cms.Protocol;

internal static partial class Log
{
    public static void Request(ILogger logger, string node, string method, string path, int? status, double elapsedMs, string form) =>
        RequestText(logger, node, method, path, new Outcome(status), elapsedMs, form);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "CMS {Node}: {Method} {Path} {Outcome} in {ElapsedMs:0.0} ms {Form}")]
    private static partial void RequestText(ILogger logger, string node, string method, string path, Outcome outcome, double elapsedMs, string form);

    /// <summary>A failed request; <paramref name="status"/> is null when no HTTP answer came.</summary>
    public static void RequestFailed(ILogger logger, string node, string method, string resource, int? status, CmsErrorKind kind, string detail) =>
        RequestFailedText(logger, node, method, resource, new Status(status), kind, detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CMS {Node}: {Method} {Resource} failed ({Status}, {Kind}): {Detail}")]
    private static partial void RequestFailedText(ILogger logger, string node, string method, string resource, Status status, CmsErrorKind kind, string detail);

    /// <summary>"HTTP 404", or "no answer" when none came (instead of the logger's "(null)"); formatted only when logged.</summary>
    internal readonly record struct Status(int? Code)
    {
        public override string ToString() => Code is { } c ? $"HTTP {c}" : "no answer";
    }

    /// <summary>"answered HTTP 200", or "got no answer".</summary>
    internal readonly record struct Outcome(int? Code)
    {
        public override string ToString() => Code is { } c ? $"answered HTTP {c}" : "got no answer";
    }
}
