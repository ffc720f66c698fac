using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Cdr;

/// <summary>
/// Sends one node's CDRs to the receivers set in <c>system/cdrReceivers</c>: XML
/// <c>&lt;records session=… callBridge=…&gt;</c> batches, POSTed in order. A receiver that fails is
/// retried with back-off while the node raises a <c>cdrConnectionFailure</c> alarm, as CMS does.
/// </summary>
internal sealed class CdrDispatcher(SimNode node) : IDisposable
{
    private const int MaxQueued = 10_000;
    private const int MaxBatch = 50;
    private Channel<string>? _queue;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private string _session = CmsObject.NewId();
    private long _nextIndex;
    private long _nextRecordIndex = 1;

    /// <summary>Index of the next record to be sent (<c>cdrCorrelatorIndex</c> in system/status): counts
    /// from 0 over the node's whole life, across restarts and sessions.</summary>
    public long CorrelatorIndex => _nextIndex;

    public void Start()
    {
        _session = CmsObject.NewId();
        // recordIndex numbers the records of one session from 1 (the CDR guide's example traffic shows
        // recordIndex one above correlatorIndex in a node's first session); a new session starts again.
        _nextRecordIndex = 1;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => SendLoopAsync(_queue.Reader, _stop.Token));
    }

    public async Task StopAsync()
    {
        if (_stop is null || _loop is null)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _stop = null;
        _loop = null;
    }

    /// <summary>Queues one record; called under the cluster lock. Nothing is recorded while no receiver is set.</summary>
    public void Record(DateTimeOffset now, string type, Action<XmlOut> body)
    {
        if (node.CdrReceivers.Count == 0 || _queue is null)
        {
            return;
        }
        var correlatorIndex = _nextIndex++;
        var recordIndex = _nextRecordIndex++;
        var xml = new XmlOut(declaration: false).OpenWith("record",
            ("type", type),
            ("time", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("recordIndex", recordIndex.ToString(CultureInfo.InvariantCulture)),
            ("correlatorIndex", correlatorIndex.ToString(CultureInfo.InvariantCulture)));
        body(xml);
        _queue.Writer.TryWrite(xml.Close("record").ToString());
    }

    public void Dispose() => _stop?.Dispose();

    private async Task SendLoopAsync(ChannelReader<string> reader, CancellationToken cancellationToken)
    {
        var batch = new List<string>(MaxBatch);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var record))
            {
                batch.Add(record);
            }
            var payload = new StringBuilder("<?xml version=\"1.0\"?>\n<records session=\"")
                .Append(_session).Append("\" callBridge=\"").Append(node.CallBridgeId).Append("\">")
                .AppendJoin("", batch).Append("</records>").ToString();
            await DeliverAsync(payload, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        var cluster = node.Cluster;
        var delay = TimeSpan.FromMilliseconds(500);
        var pending = Receivers();
        while (pending.Count > 0)
        {
            var failed = new List<string>();
            foreach (var uri in pending)
            {
                if (!await TryPostAsync(uri, payload, cancellationToken).ConfigureAwait(false))
                {
                    failed.Add(uri);
                }
            }
            lock (cluster.Gate)
            {
                if (failed.Count == 0)
                {
                    node.Alarms.Remove("cdrConnectionFailure");
                }
                else
                {
                    node.Alarms.TryAdd("cdrConnectionFailure", (CmsObject.NewId(), cluster.Time.GetUtcNow(), "connectFailure"));
                }
            }
            if (failed.Count == 0)
            {
                return;
            }
            await Task.Delay(delay, cluster.Time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            var current = Receivers();
            pending = failed.Where(current.Contains).ToList();
        }
        // Every failing receiver was removed meanwhile: nothing is failing any more.
        lock (cluster.Gate)
        {
            node.Alarms.Remove("cdrConnectionFailure");
        }
    }

    private List<string> Receivers()
    {
        lock (node.Cluster.Gate)
        {
            return node.CdrReceivers.Values.Select(r => r["uri"]).OfType<string>().ToList();
        }
    }

    private async Task<bool> TryPostAsync(string uri, string payload, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(payload, Encoding.UTF8, "text/xml");
            using var response = await node.Cluster.CdrClient.PostAsync(new Uri(uri), content, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (UriFormatException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
