using System.Globalization;
using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Placeholders;

/// <summary>
/// Makes one placeholder space per numeric ID of a bridge's range, as TMS does (seed: "Criar espaços
/// reservados"): a bulk parameter set (URI and call ID = the numeric ID, name = prefix + ID, Convene's
/// profiles, closed to non-members), a bulk sync polled to its end, then a check that every space is
/// there. A range that TMS made (same names, URIs and call IDs) is adopted, not duplicated; Convene never
/// deletes a space it did not make.
/// </summary>
public sealed partial class PlaceholderProvisioning(ConveneDb db, BridgeConnections connections, TicketBook tickets, IOptions<PlaceholderOptions> options,
    ILogger<PlaceholderProvisioning> logger)
{
    public async Task RunAsync(Guid bridgeId, CancellationToken ct)
    {
        // Read untracked and written column by column: an administrator may save the bridge's settings
        // meanwhile (its concurrency token moves), and that must not make this run's outcome unsavable.
        var bridge = await db.Bridges.AsNoTracking().Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == bridgeId, ct);
        if (bridge is null || bridge.NumericIdBase is not { } start || bridge.NumericIdQuantity is not { } count)
        {
            return;
        }
        await SetAsync(bridgeId, s => s.SetProperty(b => b.Provisioning, ProvisioningState.Running), ct);
        var previous = await db.Placeholders.Where(p => p.BridgeId == bridgeId).ToListAsync(ct);
        try
        {
            var made = await connections.RunAsync(bridge, (cms, _) => ProvisionAsync(cms, bridge, previous, start, count, ct));
            var stillThere = await SetAsync(bridgeId, s => s
                .SetProperty(b => b.ProvisionedBase, start)
                .SetProperty(b => b.ProvisionedQuantity, count)
                .SetProperty(b => b.Provisioning, ProvisioningState.Complete)
                .SetProperty(b => b.ProvisioningError, (string?)null), ct);
            if (stillThere == 0)
            {
                return; // removed (by force) meanwhile: nothing to record against it
            }
            db.Placeholders.RemoveRange(previous);
            db.Placeholders.AddRange(made);
            await tickets.ResolveAsync(bridge.Id, TicketType.PlaceholderProvisioningFailed, cancellationToken: ct);
            await db.SaveChangesAsync(ct);
            var adopted = made.Count(p => p.Adopted);
            Log.PlaceholdersReady(logger, start, start + count - 1, bridge.DisplayName, adopted);
        }
        catch (Exception e) when (e is ProvisioningFailedException or CmsApiException or TimeoutException or ProblemException)
        {
            Log.ProvisioningFailed(logger, bridge.DisplayName, e.Message);
            var stillThere = await SetAsync(bridgeId, s => s
                .SetProperty(b => b.Provisioning, ProvisioningState.Failed)
                .SetProperty(b => b.ProvisioningError, e.Message), ct);
            if (stillThere > 0)
            {
                await tickets.RaiseAsync(bridge.Id, TicketType.PlaceholderProvisioningFailed, "Placeholder provisioning failed", e.Message, cancellationToken: ct);
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>Writes provisioning's own columns of the bridge, whatever else changed in the row.</summary>
    private Task<int> SetAsync(Guid bridgeId, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Bridge>> set, CancellationToken ct) =>
        db.Bridges.Where(b => b.Id == bridgeId).ExecuteUpdateAsync(set, ct);

    private async Task<List<Placeholder>> ProvisionAsync(CmsClient cms, Bridge bridge, List<Placeholder> previous, long start, int count, CancellationToken ct)
    {
        var end = start + count - 1;
        var ours = previous.Where(p => !p.Adopted).Select(p => p.SpaceId).ToHashSet(StringComparer.Ordinal);
        var found = await FindPlaceholdersAsync(cms, bridge.PlaceholderPrefix, start, end, ct);
        var foreign = found.Where(f => !ours.Contains(f.Value.Id)).ToDictionary();
        if (bridge.BulkParameterSetId is null && foreign.Count == count)
        {
            return foreign.Select(f => New(bridge, f.Key, f.Value.Id, adopted: true)).ToList();
        }
        if (foreign.Count > 0)
        {
            throw new ProvisioningFailedException($"{foreign.Count} placeholder spaces for numeric IDs {start}–{end} were made by another tool (such as {Describe(foreign.First().Value)}) " +
                "and only part of the range matches them: adopt a range that TMS made as a whole, or choose numeric IDs that are free.");
        }
        await SyncAsync(cms, bridge, previous, start, end, ct);
        found = await FindPlaceholdersAsync(cms, bridge.PlaceholderPrefix, start, end, ct);
        var missing = Enumerable.Range(0, count).Select(i => start + i).Where(n => !found.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ProvisioningFailedException($"The bulk sync completed, but {missing.Count} numeric IDs have no placeholder space (such as {missing[0]}).");
        }
        return found.Select(f => New(bridge, f.Key, f.Value.Id, adopted: false)).ToList();
    }

    private async Task SyncAsync(CmsClient cms, Bridge bridge, List<Placeholder> previous, long start, long end, CancellationToken ct)
    {
        if (end > int.MaxValue)
        {
            throw new ProvisioningFailedException($"CMS bulk provisioning takes indexes up to {int.MaxValue}; the range ends at {end}.");
        }
        var set = new BulkParameterSetChanges
        {
            StartIndex = (int)start,
            EndIndex = (int)end,
            UriMapping = "$index$",
            CallIdMapping = "$index$",
            NameMapping = BulkParameterSetChanges.Mapping(bridge.PlaceholderPrefix),
            CallProfile = bridge.CallProfileId,
            CallLegProfile = bridge.CallLegProfileId,
            NonMemberAccess = false,
        };
        var created = bridge.BulkParameterSetId is null;
        if (bridge.BulkParameterSetId is { } existing)
        {
            await cms.UpdateBulkParameterSetAsync(existing, set, ct);
        }
        else
        {
            var setId = await cms.CreateBulkParameterSetAsync(set, ct);
            bridge.BulkParameterSetId = setId;
            await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkParameterSetId, setId), ct);
        }
        var syncId = await cms.StartBulkSyncAsync(bridge.BulkParameterSetId, cancellationToken: ct);
        var sync = await cms.WaitForBulkSyncAsync(syncId, options.Value.SyncPollInterval, options.Value.SyncTimeout, ct);
        if (sync.Status != BulkSyncStatus.Complete)
        {
            // A failed sync changes no space; leave the set as it was too, so nothing is half-done.
            await UndoSetAsync(cms, bridge, created, previous, ct);
            throw new ProvisioningFailedException(sync.Status switch
            {
                BulkSyncStatus.FailedCoSpaceUriConflict => $"The bridge refused the placeholders: another space already uses a URI among {start}–{end}{await ConflictAsync(cms, start, end, s => s.Uri, ct)} (failedCoSpaceUriConflict).",
                BulkSyncStatus.FailedCallIdConflict => $"The bridge refused the placeholders: another space already uses a call ID among {start}–{end}{await ConflictAsync(cms, start, end, s => s.CallId, ct)} (failedCallIdConflict).",
                BulkSyncStatus.FailedIndexRangeTooGreat => $"The bridge refused the placeholders: {end - start + 1} is more than it makes in one bulk sync (failedIndexRangeTooGreat).",
                _ => $"The bulk sync ended {sync.StatusText}.",
            });
        }
    }

    /// <summary>Removes a set made by this run, or puts an updated set back to the range its spaces have.</summary>
    private async Task UndoSetAsync(CmsClient cms, Bridge bridge, bool created, List<Placeholder> previous, CancellationToken ct)
    {
        try
        {
            if (created)
            {
                await cms.DeleteBulkParameterSetAsync(bridge.BulkParameterSetId!, ct);
                bridge.BulkParameterSetId = null;
                await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkParameterSetId, (string?)null), ct);
            }
            else if (bridge.ProvisionedBase is { } oldStart && bridge.ProvisionedQuantity is { } oldCount && previous.FirstOrDefault(p => !p.Adopted) is { } old)
            {
                var oldPrefix = old.Name[..^old.NumericId.ToString(CultureInfo.InvariantCulture).Length];
                await cms.UpdateBulkParameterSetAsync(bridge.BulkParameterSetId!, new BulkParameterSetChanges
                {
                    StartIndex = (int)oldStart,
                    EndIndex = (int)(oldStart + oldCount - 1),
                    NameMapping = BulkParameterSetChanges.Mapping(oldPrefix),
                }, ct);
            }
        }
        catch (CmsApiException e)
        {
            UndoFailed(logger, e, bridge.DisplayName);
        }
    }

    /// <summary>Names a space that holds a numeric ID of the range, for the ticket: " such as 'Board Room' (103)".</summary>
    private static async Task<string> ConflictAsync(CmsClient cms, long start, long end, Func<CmsSpace, string?> value, CancellationToken ct)
    {
        try
        {
            await foreach (var space in cms.ListSpacesAsync(cancellationToken: ct))
            {
                if (long.TryParse(value(space), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= start && n <= end)
                {
                    return $": '{space.Name}' ({value(space)})";
                }
            }
        }
        catch (CmsApiException)
        {
            // The reason is known without the name.
        }
        return "";
    }

    /// <summary>Spaces named prefix + N whose URI and call ID are N, for N in the range.</summary>
    private static async Task<Dictionary<long, CmsSpace>> FindPlaceholdersAsync(CmsClient cms, string prefix, long start, long end, CancellationToken ct)
    {
        var found = new Dictionary<long, CmsSpace>();
        await foreach (var space in cms.ListSpacesAsync(new SpaceFilter(prefix), ct))
        {
            if (space.Name is { } name && name.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= start && n <= end && space.Uri == n.ToString(CultureInfo.InvariantCulture) && space.CallId == space.Uri)
            {
                found.TryAdd(n, space);
            }
        }
        return found;
    }

    private static Placeholder New(Bridge bridge, long numericId, string spaceId, bool adopted) => new()
    {
        Id = Guid.NewGuid(),
        BridgeId = bridge.Id,
        NumericId = numericId,
        SpaceId = spaceId,
        Name = bridge.PlaceholderPrefix + numericId.ToString(CultureInfo.InvariantCulture),
        Adopted = adopted,
    };

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Could not put back the bulk parameter set of {Bridge} after a failed sync")]
    private static partial void UndoFailed(ILogger logger, Exception exception, string bridge);

    private static string Describe(CmsSpace space) => $"'{space.Name}' with URI {space.Uri}";
}

/// <summary>Provisioning could not be done; the message says why, for the ticket.</summary>
public sealed class ProvisioningFailedException(string message) : Exception(message);
