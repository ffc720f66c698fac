using System.Globalization;
using Convene.Bridges;
using Convene.Cms;

namespace Convene.Placeholders;

/// <summary>Convene's bulk parameter set and its syncs (CMS API reference, cospaceBulkParameterSets and
/// cospaceBulkSyncs: a sync replaces the spaces made from its set, in one transaction).</summary>
public sealed partial class PlaceholderProvisioning
{
    /// <summary>Convene's set as the bridge has it, or null; a set gone from the bridge is forgotten.</summary>
    private async Task<CmsBulkParameterSet?> OwnSetAsync(CmsClient cms, Bridge bridge, CancellationToken ct)
    {
        if (bridge.BulkParameterSetId is not { } id)
        {
            return null;
        }
        try
        {
            return await cms.GetBulkParameterSetAsync(id, ct);
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            bridge.BulkParameterSetId = null;
            bridge.BulkSyncId = null;
            await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkParameterSetId, (string?)null).SetProperty(b => b.BulkSyncId, (string?)null), ct);
            return null;
        }
    }

    /// <summary>Waits for the sync a crash or a timeout left running; true when the last sync of the set
    /// completed, so the set's spaces are exactly what it makes now. Throws <see cref="TimeoutException"/>
    /// when it still runs after the sync timeout.</summary>
    private async Task<bool> SettleAsync(CmsClient cms, Bridge bridge, CancellationToken ct)
    {
        if (bridge.BulkSyncId is not { } id)
        {
            return false;
        }
        CmsBulkSync sync;
        try
        {
            sync = await cms.GetBulkSyncAsync(id, ct);
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            return false;
        }
        if (!sync.IsTerminal)
        {
            sync = await cms.WaitForBulkSyncAsync(id, options.Value.SyncPollInterval, options.Value.SyncTimeout, ct);
        }
        return sync.Status == BulkSyncStatus.Complete && sync.RemoveAll != true
            && string.Equals(sync.ParameterSet, bridge.BulkParameterSetId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the set makes placeholder N of this prefix (its range and mappings are Convene's).</summary>
    private static bool Makes(CmsBulkParameterSet? set, string prefix, long n) =>
        set is not null && set.StartIndex <= n && n <= set.EndIndex
        && set.NameMapping == BulkParameterSetChanges.Mapping(prefix) && set.UriMapping == "$index$" && set.CallIdMapping == "$index$";

    /// <summary>True when the set is exactly what provisioning would write for this range.</summary>
    private static bool Matches(CmsBulkParameterSet set, Bridge bridge, long start, long end) =>
        set.StartIndex == start && set.EndIndex == end && Makes(set, bridge.PlaceholderPrefix, start)
        && string.Equals(set.CallProfile, bridge.CallProfileId, StringComparison.OrdinalIgnoreCase)
        && (set.CallLegProfile is null || string.Equals(set.CallLegProfile, bridge.CallLegProfileId, StringComparison.OrdinalIgnoreCase))
        && set.NonMemberAccess == false;

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
        // The sync id is forgotten before the set changes: a crash in between must not take the set's new
        // mappings for what an older sync made.
        bridge.BulkSyncId = null;
        await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkSyncId, (string?)null), ct);
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
        bridge.BulkSyncId = syncId;
        await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkSyncId, syncId), ct);
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

    /// <summary>Takes away the spaces of Convene's set and the set itself, before adopting a range that
    /// another tool made as a whole.</summary>
    private async Task RemoveOwnSetAsync(CmsClient cms, Bridge bridge, CancellationToken ct)
    {
        var syncId = await cms.StartBulkSyncAsync(bridge.BulkParameterSetId!, removeAll: true, ct);
        var sync = await cms.WaitForBulkSyncAsync(syncId, options.Value.SyncPollInterval, options.Value.SyncTimeout, ct);
        if (sync.Status != BulkSyncStatus.Complete)
        {
            throw new ProvisioningFailedException($"The range was made by another tool and could be adopted, but removing Convene's own placeholders first ended {sync.StatusText}.");
        }
        await cms.DeleteBulkParameterSetAsync(bridge.BulkParameterSetId!, ct);
        bridge.BulkParameterSetId = null;
        bridge.BulkSyncId = null;
        await SetAsync(bridge.Id, s => s.SetProperty(b => b.BulkParameterSetId, (string?)null).SetProperty(b => b.BulkSyncId, (string?)null), ct);
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

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Could not put back the bulk parameter set of {Bridge} after a failed sync")]
    private static partial void UndoFailed(ILogger logger, Exception exception, string bridge);
}
