using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Status;

/// <summary>Status of one bridge: a sample per node, node reachability, the health tickets (node
/// unreachable, bridge unreachable, authentication failed) and the placeholder pool ticket; and the
/// retention of samples. <see cref="StatusPoller"/> runs one per bridge, all at once.</summary>
/// <remarks>Every node is asked at once, each within its own time limit (the CMS request timeout,
/// retries included), so one dead node never holds up the others.</remarks>
public sealed class StatusCheck(ConveneDb db, BridgeConnections connections, TicketBook tickets, IOptions<StatusOptions> options,
    IOptions<CmsConnectionOptions> cmsOptions, TimeProvider time)
{
    /// <summary>Polls one bridge and saves what it found; nothing when the bridge is gone or not yet active.</summary>
    public async Task RunAsync(Guid bridgeId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == bridgeId && b.State == BridgeState.Active, ct);
        if (bridge is null)
        {
            return;
        }
        var probes = await Task.WhenAll(bridge.Nodes.Where(n => n.ApiAddress is not null).Select(n => ProbeAsync(bridge, n, ct)));
        foreach (var (node, status, error) in probes)
        {
            node.Reachable = status is not null;
            node.LastCheckedUtc = now;
            node.LastError = error?.Message;
            db.StatusSamples.Add(Sample(bridge, node, now, status));
        }
        await UpdateHealthTicketsAsync(bridge, probes, ct);
        await CheckPoolAsync(bridge, now, ct);
        await db.SaveChangesAsync(ct);
        var cutoff = now - options.Value.Retention;
        await db.StatusSamples.Where(s => s.BridgeId == bridgeId && s.TimeUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>The active bridges, oldest first.</summary>
    public Task<List<Guid>> ActiveBridgesAsync(CancellationToken ct) =>
        db.Bridges.Where(b => b.State == BridgeState.Active).OrderBy(b => b.AddedUtc).Select(b => b.Id).ToListAsync(ct);

    /// <summary>Deletes the samples older than the retention, of every bridge.</summary>
    public async Task DeleteOldSamplesAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await db.StatusSamples.Where(s => s.TimeUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task<(BridgeNode Node, CmsSystemStatus? Status, CmsApiException? Error)> ProbeAsync(Bridge bridge, BridgeNode node, CancellationToken ct)
    {
        var limit = cmsOptions.Value.RequestTimeout;
        using var deadline = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            return (node, await connections.Client(bridge, node).GetSystemStatusAsync(linked.Token), null);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (node, null, new CmsApiException(CmsErrorKind.Timeout, node.Name, "GET", "/api/v1/system/status", null, [],
                $"CMS {node.Name}: GET /api/v1/system/status failed: no answer within {limit.TotalSeconds:0.#} s", e));
        }
        catch (CmsApiException e)
        {
            return (node, null, e);
        }
        catch (Exception e) when (e is ProblemException or ArgumentException or FormatException)
        {
            // The node's stored address or credentials cannot make a client (a discovered plain-http
            // address, say): it is as unreachable as a node that does not answer, and says why.
            return (node, null, new CmsApiException(CmsErrorKind.Connection, node.Name, "GET", "/api/v1/system/status", null, [],
                $"CMS {node.Name}: no request was sent: {e.Message}", e));
        }
    }

    private async Task UpdateHealthTicketsAsync(Bridge bridge, (BridgeNode Node, CmsSystemStatus? Status, CmsApiException? Error)[] probes, CancellationToken ct)
    {
        var reachable = probes.Count(p => p.Status is not null);
        // A node that refuses the credentials answered: that is "authentication failed", not "unreachable".
        var answered = probes.Count(p => p.Status is not null || p.Error?.Kind == CmsErrorKind.Authentication);
        await tickets.SetAsync(probes.Length > 0 && answered == 0, bridge.Id, TicketType.BridgeUnreachable, "Bridge unreachable",
            $"None of the {probes.Length} nodes of {bridge.DisplayName} answered: {probes.FirstOrDefault().Error?.Message}", cancellationToken: ct);
        foreach (var (node, status, error) in probes)
        {
            var refused = error?.Kind == CmsErrorKind.Authentication;
            await tickets.SetAsync(refused, bridge.Id, TicketType.AuthenticationFailed, "Authentication failed",
                $"{node.Name} refused Convene's API user: {error?.Message}", node.Id, ct);
            await tickets.SetAsync(status is null && !refused && reachable > 0, bridge.Id, TicketType.ClusterNodeUnreachable,
                $"Cluster node {node.Name} unreachable", error?.Message, node.Id, ct);
        }
    }

    /// <summary>Raises a ticket when, at some moment in the look-ahead, more than the warning share of the
    /// placeholders would be booked at once.</summary>
    private async Task CheckPoolAsync(Bridge bridge, DateTimeOffset now, CancellationToken ct)
    {
        if (bridge.ProvisionedQuantity is not { } pool || pool == 0)
        {
            return;
        }
        var until = now + options.Value.PoolLookahead;
        var meetings = await db.Meetings.Where(m => m.BridgeId == bridge.Id && Meeting.ActiveStates.Contains(m.State)
            && m.StartUtc < until && m.EndUtc > now).Select(m => new { m.StartUtc, m.EndUtc }).ToListAsync(ct);
        var peak = 0;
        var open = 0;
        foreach (var (_, delta) in meetings.SelectMany(m => new[] { (m.StartUtc, 1), (m.EndUtc, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2))
        {
            open += delta;
            peak = Math.Max(peak, open);
        }
        var share = (double)peak / pool;
        await tickets.SetAsync(share > options.Value.PoolWarningShare, bridge.Id, TicketType.PlaceholderPoolNearlyExhausted,
            "Placeholder pool nearly exhausted",
            $"Up to {peak} of {pool} placeholders are booked at once in the next {options.Value.PoolLookahead.TotalDays:0} days.", cancellationToken: ct);
    }

    private static StatusSample Sample(Bridge bridge, BridgeNode node, DateTimeOffset now, CmsSystemStatus? s) => new()
    {
        BridgeId = bridge.Id,
        NodeId = node.Id,
        TimeUtc = now,
        Reachable = s is not null,
        UptimeSeconds = s?.Uptime is { } up ? (long)up.TotalSeconds : null,
        CallLegsActive = s?.CallLegsActive,
        CallLegsMaxActive = s?.CallLegsMaxActive,
        CallLegsCompleted = s?.CallLegsCompleted,
        AudioBitRateOutgoing = s?.AudioBitRateOutgoing,
        AudioBitRateIncoming = s?.AudioBitRateIncoming,
        VideoBitRateOutgoing = s?.VideoBitRateOutgoing,
        VideoBitRateIncoming = s?.VideoBitRateIncoming,
    };
}
