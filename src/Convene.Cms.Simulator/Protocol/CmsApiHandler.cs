using System.Text;
using Convene.Cms.Simulator.Api;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// The HTTP front of one node's API: faults, Basic authentication (<c>realm="acano"</c>), form
/// bodies, the API trace, and dispatch to <see cref="ApiRouter"/> under the cluster lock.
/// </summary>
internal sealed class CmsApiHandler(SimNode node)
{
    public const int MaxBodyBytes = 1024 * 1024;
    private const string FormType = "application/x-www-form-urlencoded";
    private static readonly string[] NoSegments = [];

    public async Task HandleAsync(HttpContext context)
    {
        var cluster = node.Cluster;
        var request = context.Request;
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var path = request.Path.Value ?? "/";
        var n = node.Trace.NextRequestNumber();
        node.Trace.Request(cluster.Time.GetUtcNow(), n, request.Method, path + request.QueryString.Value, remote);

        var faults = node.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.Latency, cluster.Time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (faults.Busy || cluster.NextIsBusy(faults.BusyShare))
        {
            await WriteAsync(context, n, new CmsResult(503, null, null)).ConfigureAwait(false);
            return;
        }
        if (faults.TakeUnauthorizedOnce())
        {
            await WriteAsync(context, n, new CmsResult(401, null, null)).ConfigureAwait(false);
            return;
        }
        if (!Authorized(request.Headers.Authorization.ToString()))
        {
            await WriteAsync(context, n, new CmsResult(401, null, null)).ConfigureAwait(false);
            return;
        }

        if (faults.Refusal(request.Method, path) is { } refusal)
        {
            var failure = new Protocol.XmlOut().Open("failureDetails").Empty(refusal.Reason).Close("failureDetails").ToString();
            await WriteAsync(context, n, new CmsResult(refusal.Status, failure, null)).ConfigureAwait(false);
            return;
        }

        var form = Parameters.None;
        if (request.Method is "POST" or "PUT")
        {
            var body = await ReadBodyAsync(request).ConfigureAwait(false);
            if (body is null)
            {
                await WriteAsync(context, n, new CmsResult(413, null, null)).ConfigureAwait(false);
                return;
            }
            if (body.Length > 0)
            {
                node.Trace.RequestBody(cluster.Time.GetUtcNow(), n, request.ContentType ?? FormType, body);
                form = Parameters.Parse(body);
            }
        }

        CmsResult result;
        try
        {
            var cms = new CmsRequest
            {
                Node = node,
                Method = request.Method,
                Segments = ApiSegments(path) ?? throw CmsFailure.UnrecognizedObject(),
                Query = request.QueryString.HasValue ? Parameters.Parse(request.QueryString.Value) : Parameters.None,
                Form = form,
                Remote = remote,
                Now = cluster.Time.GetUtcNow(),
            };
            lock (cluster.Gate)
            {
                result = ApiRouter.Handle(cms);
            }
        }
        catch (CmsFailure failure)
        {
            result = new CmsResult(failure.Status, failure.ToXml(), null);
        }
        var hold = faults.TakeLoseNextAnswer() ? Timeout.InfiniteTimeSpan : faults.AnswerLatency;
        if (hold != TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(hold, cluster.Time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                node.Trace.Event(cluster.Time.GetUtcNow(), $"API trace {n}: the client went away before the answer was sent");
                return;
            }
        }
        await WriteAsync(context, n, result).ConfigureAwait(false);
    }

    private bool Authorized(string header)
    {
        if (header.Length == 0)
        {
            return false;
        }
        if (string.Equals(header, node.ExpectedAuthorization, StringComparison.Ordinal))
        {
            return true;
        }
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == $"{node.Username}:{node.Password}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The segments after <c>/api/v1</c>, any case, a trailing slash ignored; null when the path
    /// is not under the API.</summary>
    private static string[]? ApiSegments(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].Equals("api", StringComparison.OrdinalIgnoreCase) || !parts[1].Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return parts.Length == 2 ? NoSegments : parts[2..];
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes)
            {
                return null;
            }
        }
        return text.ToString();
    }

    private async Task WriteAsync(HttpContext context, long n, CmsResult result)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        var bytes = result.Body is null ? [] : Encoding.UTF8.GetBytes(result.Body);
        node.Trace.Response(node.Cluster.Time.GetUtcNow(), n, result.Status, bytes.Length, result.Location, result.Body);
        if (result.Status == 401)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"acano\"";
        }
        if (result.Location is not null)
        {
            response.Headers.Location = result.Location;
        }
        response.ContentLength = bytes.Length;
        if (bytes.Length > 0)
        {
            response.ContentType = "text/xml";
            await response.Body.WriteAsync(bytes).ConfigureAwait(false);
        }
    }
}
