using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Placeholders;

/// <summary>
/// Compares every bridge's placeholders with the bridge and puts back what was changed outside Convene.
/// Finding costs, per bridge, one filtered space list (<c>GET coSpaces?filter=prefix</c>, paged) and at most
/// <see cref="PlaceholderOptions.DriftDetailsPerCheck"/> space details (non-member access and passcode are
/// not in the list; the next check interval reads the next ones, <see cref="PlaceholderDriftCursor"/>); repairing
/// costs one request per change. A deleted placeholder is made again by a re-sync of Convene's set (a placeholder of
/// an adopted range by a create of its own); a changed one is PUT back to the placeholder values. A placeholder used by a running meeting,
/// and any space Convene did not make, is left alone. What changed is told in a
/// <see cref="TicketType.PlaceholderDrift"/> ticket that resolves once everything is repaired. The check
/// also finishes a provisioning that failed while its bulk sync still ran, once that sync has ended.
/// </summary>
public sealed partial class PlaceholderDriftCheck(ConveneDb db, BridgeConnections connections, PlaceholderLocks locks, PlaceholderDriftCursor cursor,
    PlaceholderProvisioner provisioner, IServiceScopeFactory scopes, TicketBook tickets, IOptions<PlaceholderOptions> options, ILogger<PlaceholderDriftCheck> logger,
    TimeProvider time)
{
    private const int ListedChanges = 20;

    /// <summary>A booked meeting whose placeholder opens this soon is left alone too: the check must never close a
    /// space that a start opens while the check runs.</summary>
    private static readonly TimeSpan OpeningSoon = TimeSpan.FromMinutes(5);

    /// <summary>Checks every active bridge whose placeholders are complete (or whose sync was left running);
    /// a bridge being provisioned now is skipped, as provisioning records what the bridge has.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Bridges.Where(b => b.State == BridgeState.Active
                && (b.Provisioning == ProvisioningState.Complete || (b.Provisioning == ProvisioningState.Failed && b.BulkSyncId != null)))
            .Select(b => b.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            using var held = locks.TryEnter(id);
            if (held is null)
            {
                continue;
            }
            try
            {
                await CheckAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is CmsApiException or ProblemException or TimeoutException)
            {
                CheckFailed(logger, e, id);
            }
        }
    }

    private async Task CheckAsync(Guid id, CancellationToken ct)
    {
        var bridge = await db.Bridges.AsNoTracking().Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (bridge is null)
        {
            return;
        }
        if (bridge.Provisioning == ProvisioningState.Failed)
        {
            await FinishLeftSyncAsync(bridge, ct);
            return;
        }
        if (bridge.Provisioning != ProvisioningState.Complete)
        {
            return;
        }
        var placeholders = await db.Placeholders.Where(p => p.BridgeId == id).OrderBy(p => p.NumericId).ToListAsync(ct);
        // In use: a meeting on the bridge now (starting, running or ending), or booked with its hold begun or about to.
        var now = time.GetUtcNow();
        var soon = now + OpeningSoon;
        var busy = (await db.Meetings.Where(m => m.BridgeId == id && m.NumericId != null
                && (Meeting.LiveStates.Contains(m.State) || (m.State == MeetingState.Booked && m.HoldFromUtc <= soon && m.HoldUntilUtc > now)))
            .Select(m => m.NumericId!.Value).ToListAsync(ct)).ToHashSet();
        var idle = placeholders.Where(p => !busy.Contains(p.NumericId)).ToList();
        var found = await connections.RunAsync(bridge, (cms, _) => CompareAsync(cms, bridge, placeholders, idle, ct));
        if (found.Deleted.Count > 0)
        {
            await RemakeAsync(bridge, found, meetingRuns: busy.Count > 0, ct);
        }
        await ReportAsync(bridge, found, ct);
    }

    /// <summary>Lists the placeholders, reads the budgeted details, and puts back what changed.</summary>
    private async Task<Findings> CompareAsync(CmsClient cms, Bridge bridge, List<Placeholder> pool, List<Placeholder> idle, CancellationToken ct)
    {
        var listed = new Dictionary<string, CmsSpace>(StringComparer.Ordinal);
        await foreach (var space in cms.ListSpacesAsync(new SpaceFilter(bridge.PlaceholderPrefix), ct))
        {
            listed.TryAdd(space.Id, space);
        }
        var budget = options.Value.DriftDetailsPerCheck;
        var missing = idle.Where(p => !listed.ContainsKey(p.SpaceId)).ToList();
        var read = missing.Take(budget)
            .Concat(cursor.Next(pool, idle.Where(p => listed.ContainsKey(p.SpaceId)).ToList(), budget - Math.Min(budget, missing.Count)))
            .Select(p => p.SpaceId).ToHashSet(StringComparer.Ordinal);
        var found = new Findings();
        foreach (var placeholder in idle)
        {
            var space = listed.GetValueOrDefault(placeholder.SpaceId);
            if (read.Contains(placeholder.SpaceId))
            {
                try
                {
                    space = await cms.GetSpaceAsync(placeholder.SpaceId, ct);
                }
                catch (CmsApiException e) when (e.IsNotFound)
                {
                    space = null;
                }
            }
            else if (space is null)
            {
                found.Deleted.Add(placeholder);
                found.Changes.Add($"{placeholder.NumericId}: gone from the space list (deleted, or renamed away from '{bridge.PlaceholderPrefix}')");
                continue;
            }
            if (space is null)
            {
                found.Deleted.Add(placeholder);
                found.Changes.Add($"{placeholder.NumericId}: deleted on the bridge");
                continue;
            }
            var (what, fix) = Diff(placeholder, space);
            if (what.Count == 0)
            {
                continue;
            }
            found.Changes.Add($"{placeholder.NumericId}: {string.Join(", ", what)}");
            try
            {
                await cms.UpdateSpaceAsync(space.Id, fix, ct);
            }
            catch (CmsApiException e) when (!e.IsTransient)
            {
                found.Unrepaired.Add($"{placeholder.NumericId} could not be put back ({e.Message})");
            }
        }
        return found;
    }

    private async Task ReportAsync(Bridge bridge, Findings found, CancellationToken ct)
    {
        if (found.Changes.Count > 0 || found.Unrepaired.Count > 0)
        {
            var changes = string.Join("; ", found.Changes.Take(ListedChanges)) + (found.Changes.Count > ListedChanges ? $"; and {found.Changes.Count - ListedChanges} more" : "");
            DriftFound(logger, bridge.DisplayName, changes);
            var details = $"Changed on the bridge outside Convene: {changes}. "
                + (found.Unrepaired.Count == 0 ? "Convene put them back." : $"Not repaired yet: {string.Join("; ", found.Unrepaired.Take(ListedChanges))}.");
            await tickets.RaiseAsync(bridge.Id, TicketType.PlaceholderDrift, $"{found.Changes.Count} placeholders changed outside Convene", details, cancellationToken: ct);
            await db.SaveChangesAsync(ct);
        }
        if (found.Unrepaired.Count == 0)
        {
            await tickets.ResolveAsync(bridge.Id, TicketType.PlaceholderDrift, cancellationToken: ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Provisioning failed because its sync outlived the timeout: once the sync has ended, provision
    /// again, which takes the sync's spaces as Convene's own.</summary>
    private async Task FinishLeftSyncAsync(Bridge bridge, CancellationToken ct)
    {
        var ended = await connections.RunAsync(bridge, async (cms, _) =>
        {
            try
            {
                return (await cms.GetBulkSyncAsync(bridge.BulkSyncId!, ct)).IsTerminal;
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                return true;
            }
        });
        if (ended && await db.Bridges.Where(b => b.Id == bridge.Id && b.Provisioning == ProvisioningState.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Provisioning, ProvisioningState.Pending), ct) > 0)
        {
            provisioner.Queue(bridge.Id);
        }
    }

    private sealed class Findings
    {
        public List<Placeholder> Deleted { get; } = [];

        public List<string> Changes { get; } = [];

        public List<string> Unrepaired { get; } = [];
    }

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Placeholders of {Bridge} were changed outside Convene: {Changes}")]
    private static partial void DriftFound(ILogger logger, string bridge, string changes);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "The placeholder drift check of bridge {BridgeId} could not be done")]
    private static partial void CheckFailed(ILogger logger, Exception exception, Guid bridgeId);
}
