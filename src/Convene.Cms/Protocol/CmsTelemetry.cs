using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Convene.Cms.Protocol;

/// <summary>The client's metrics (meter <c>Convene.Cms</c>): requests sent per node and method, and each
/// call's duration and outcome per node, method and resource.</summary>
internal static partial class CmsTelemetry
{
    public const string MeterName = "Convene.Cms";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("convene.cms.requests", "{request}", "HTTP requests sent to a CMS node, retries included");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("convene.cms.request.duration", "s", "Time of a CMS API call, retries included, by outcome");

    public static void CountAttempt(string node, string method)
    {
        if (Attempts.Enabled)
        {
            Attempts.Add(1, new KeyValuePair<string, object?>("node", node), new KeyValuePair<string, object?>("method", method));
        }
    }

    public static void Record(string node, string method, string path, string outcome, TimeSpan elapsed)
    {
        if (!Duration.Enabled)
        {
            return;
        }
        var tags = new TagList { { "node", node }, { "method", method }, { "resource", Resource(path) }, { "outcome", outcome } };
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>The path without its query and with ids replaced, so it can be a metric tag:
    /// <c>/api/v1/coSpaces/{id}/accessMethods</c>.</summary>
    public static string Resource(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return Guid().Replace(query < 0 ? path : path[..query], "{id}");
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
