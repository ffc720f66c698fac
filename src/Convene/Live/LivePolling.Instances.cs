using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

public sealed partial class LivePolling
{
    /// <summary>
    /// What a node's <c>callStart</c> and <c>callEnd</c> CDRs would have said of the call instances (<see cref="CallInstance"/>)
    /// on a silent node: one <c>GET /calls</c> there (one request per page; API reference "calls": every call active on
    /// the node, distributed instances included, each with its <c>coSpace</c>), a listed call whose space is the
    /// placeholder space of one of <paramref name="meetings"/> is recorded as that meeting's instance, and a recorded
    /// instance of one of them that is no longer listed is forgotten (it ended). A node that hosts the call of every one
    /// of its bridge's <paramref name="meetings"/> is not asked: a node holds one call per space, and that call is the
    /// meeting's own. A node that does not answer is logged and asked again at the next poll.
    /// </summary>
    /// <param name="meetings">The running and starting meetings that have a call.</param>
    /// <param name="silent">Whether a node's CDRs have stopped (or never came).</param>
    private async Task PollInstancesAsync(IReadOnlyList<Meeting> meetings, Func<Guid, bool> silent, CancellationToken cancellationToken)
    {
        var withSpace = meetings.Where(m => m.PlaceholderId is not null).ToList();
        if (withSpace.Count == 0)
        {
            return;
        }
        var placeholderIds = withSpace.Select(m => m.PlaceholderId!.Value).Distinct().ToList();
        var spaces = await db.Placeholders.AsNoTracking().Where(p => placeholderIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.SpaceId, cancellationToken);
        var bridgeIds = withSpace.Select(m => m.BridgeId).Distinct().ToList();
        var bridges = await db.Bridges.Include(b => b.Nodes).AsNoTracking().Where(b => bridgeIds.Contains(b.Id)).ToListAsync(cancellationToken);
        foreach (var bridge in bridges)
        {
            var ofBridge = withSpace.Where(m => m.BridgeId == bridge.Id && spaces.ContainsKey(m.PlaceholderId!.Value)).ToList();
            foreach (var node in bridge.Nodes.Where(n => n.ApiAddress is not null && silent(n.Id)))
            {
                if (ofBridge.All(m => m.CallNodeId == node.Id))
                {
                    continue;
                }
                try
                {
                    var calls = await connections.Client(bridge, node).ListCallsAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
                    await RecordInstancesAsync(bridge, node, ofBridge, spaces, calls, cancellationToken);
                }
                catch (Exception e) when (e is CmsApiException or ProblemException)
                {
                    Log.InstancePollFailed(logger, e, node.Name, bridge.DisplayName);
                }
            }
        }
    }

    private async Task RecordInstancesAsync(Bridge bridge, BridgeNode node, List<Meeting> meetings, Dictionary<Guid, string> spaces,
        List<CmsCallSummary> calls, CancellationToken cancellationToken)
    {
        var bySpace = meetings.GroupBy(m => spaces[m.PlaceholderId!.Value], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var meetingIds = meetings.Select(m => m.Id).ToList();
        var recorded = await db.CallInstances.Where(i => i.NodeId == node.Id && meetingIds.Contains(i.MeetingId)).ToListAsync(cancellationToken);
        var listed = calls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var ended = recorded.Where(i => !listed.Contains(i.CallId)).Select(i => i.CallId).ToList();
        if (ended.Count > 0)
        {
            // At once, as a callEnd: the end may be deleting the same rows.
            await db.CallInstances.Where(i => i.NodeId == node.Id && ended.Contains(i.CallId)).ExecuteDeleteAsync(cancellationToken);
        }
        var known = recorded.Select(i => i.CallId).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var call in calls)
        {
            if (call.Id.Length > 36 || known.Contains(call.Id) || call.CoSpace is not { } space || !bySpace.TryGetValue(space, out var meeting))
            {
                continue;
            }
            // The listing does not say when the call began; the poll that first saw it is the nearest to it.
            db.CallInstances.Add(new CallInstance { NodeId = node.Id, CallId = call.Id, BridgeId = bridge.Id, MeetingId = meeting.Id, SpaceId = space, StartedUtc = now });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A callStart CDR recorded one of them meanwhile (on another instance): the next poll sees the rest.
            foreach (var entry in db.ChangeTracker.Entries<CallInstance>().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
