using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Bridges;

public sealed record RemovalResult(Guid BridgeId, int MeetingsCancelled, IReadOnlyList<string> LeftOnBridge);

/// <summary>
/// Removes a bridge from Convene. Refused while meetings are booked on it, unless forced; a forced
/// removal cancels them with a record (who, when, why), ends any that is running on every node, and
/// takes away what Convene made on the bridge (its placeholders and profiles), never what it adopted.
/// </summary>
public sealed class BridgeRemoval(ConveneDb db, BridgeConnections connections, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Placeholders.PlaceholderOptions> placeholderOptions, ILogger<BridgeRemoval> logger)
{
    public async Task<RemovalResult> RemoveAsync(Guid id, bool force, string by, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw ProblemException.BridgeNotFound(id);
        var active = await db.Meetings.Where(m => m.BridgeId == id && Meeting.ActiveStates.Contains(m.State))
            .OrderBy(m => m.StartUtc).ToListAsync(ct);
        if (active.Count > 0 && !force)
        {
            throw new ProblemException(409, $"{active.Count} meetings are booked on {bridge.DisplayName} (the next: \"{active[0].Title}\" at {active[0].StartUtc:u}). " +
                "Move or cancel them, or remove the bridge with force, which cancels them.", type: "bridge-has-bookings");
        }
        if (bridge.Provisioning is ProvisioningState.Pending or ProvisioningState.Running && !force)
        {
            throw new ProblemException(409, $"The placeholders of {bridge.DisplayName} are being made; remove it when that has finished, or with force.",
                type: "provisioning-in-progress");
        }
        var placeholders = await db.Placeholders.Where(p => p.BridgeId == id).ToListAsync(ct);
        var left = new List<string>();
        try
        {
            await CleanUpAsync(bridge, active, placeholders, left, ct);
        }
        catch (CmsApiException e) when (force)
        {
            left.Add($"Convene's placeholders and profiles (the bridge did not answer: {e.Message})");
        }
        catch (TimeoutException e) when (force)
        {
            // The remove-all bulk sync outlived Convene's sync timeout: a 500 before.
            left.Add($"Convene's placeholders and profiles (the bridge did not finish removing them: {e.Message})");
        }
        catch (TimeoutException e)
        {
            throw new ProblemException(409, $"{bridge.DisplayName} did not finish removing Convene's placeholders in time; retry, or remove it with force.",
                e.Message, "bridge-too-slow");
        }
        catch (CmsApiException e)
        {
            throw new ProblemException(409, $"{bridge.DisplayName} could not be reached to take away Convene's placeholders and profiles; retry when it answers, or remove it with force.",
                e.Message, "bridge-unreachable");
        }
        var now = time.GetUtcNow();
        foreach (var meeting in active)
        {
            meeting.State = MeetingState.Cancelled;
            meeting.CancelReason = $"The bridge {bridge.DisplayName} was removed by {by} at {now:u}.";
        }
        db.Placeholders.RemoveRange(placeholders);
        db.Tickets.RemoveRange(db.Tickets.Where(t => t.BridgeId == id));
        db.TicketFilters.RemoveRange(db.TicketFilters.Where(f => f.BridgeId == id));
        await db.StatusSamples.Where(s => s.BridgeId == id).ExecuteDeleteAsync(ct);
        db.Bridges.Remove(bridge);
        await db.SaveChangesAsync(ct);
        connections.Forget(bridge);
        Log.BridgeRemoved(logger, bridge.DisplayName, active.Count, left.Count == 0 ? "nothing" : string.Join("; ", left));
        return new RemovalResult(id, active.Count, left);
    }

    private async Task CleanUpAsync(Bridge bridge, List<Meeting> active, List<Placeholders.Placeholder> placeholders, List<string> left, CancellationToken ct)
    {
        // Running meetings: end their calls on every node that hosts an instance, then close the space.
        foreach (var meeting in active.Where(m => m.IsLive && m.NumericId is not null))
        {
            var space = placeholders.FirstOrDefault(p => p.NumericId == meeting.NumericId);
            if (space is null)
            {
                continue;
            }
            foreach (var node in bridge.Nodes.Where(n => n.ApiAddress is not null))
            {
                try
                {
                    var cms = connections.Client(bridge, node);
                    await foreach (var call in cms.ListCallsAsync(space.SpaceId, cancellationToken: ct))
                    {
                        await cms.DeleteCallAsync(call.Id, ct);
                    }
                }
                catch (CmsApiException e) when (e.IsTransient)
                {
                    left.Add($"calls of \"{meeting.Title}\" on {node.Name} ({e.Kind})");
                }
            }
            // As TMS ends a meeting: the placeholder name back, closed to non-members, a new secret.
            await connections.RunAsync(bridge, (cms, _) => Done(cms.UpdateSpaceAsync(space.SpaceId,
                new SpaceChanges { Name = space.Name, NonMemberAccess = false, Passcode = CmsParam.Clear, RegenerateSecret = true }, ct)));
        }
        await connections.RunAsync(bridge, async (cms, _) =>
        {
            if (bridge.BulkParameterSetId is { } set)
            {
                var sync = await cms.StartBulkSyncAsync(set, removeAll: true, ct);
                await cms.WaitForBulkSyncAsync(sync, placeholderOptions.Value.SyncPollInterval, placeholderOptions.Value.SyncTimeout, ct);
                await cms.DeleteBulkParameterSetAsync(set, ct);
            }
            foreach (var profile in new[] { bridge.CallProfileId }.OfType<string>())
            {
                await IgnoreMissing(cms.DeleteCallProfileAsync(profile, ct));
            }
            foreach (var profile in new[] { bridge.CallLegProfileId }.OfType<string>())
            {
                await IgnoreMissing(cms.DeleteCallLegProfileAsync(profile, ct));
            }
            return true;
        });
    }

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    private static async Task IgnoreMissing(Task task)
    {
        try
        {
            await task;
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            // Already gone: what removal wants.
        }
    }
}
