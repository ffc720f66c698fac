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
/// deletes a space it did not make. A sync that a crash or the sync timeout left running is waited for
/// and its spaces are taken as Convene's own (its set and mappings say they are), and what is recorded is
/// what the bridge has, also after a failure.
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
            // The outcome and the placeholder rows in one transaction: nobody sees Complete without the placeholders.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stillThere = await SetAsync(bridgeId, s => s
                .SetProperty(b => b.ProvisionedBase, start)
                .SetProperty(b => b.ProvisionedQuantity, count)
                .SetProperty(b => b.BulkParameterSetId, bridge.BulkParameterSetId)
                .SetProperty(b => b.BulkSyncId, bridge.BulkSyncId)
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
            await transaction.CommitAsync(ct);
            var adopted = made.Count(p => p.Adopted);
            Log.PlaceholdersReady(logger, start, start + count - 1, bridge.DisplayName, adopted);
        }
        catch (Exception e) when (e is ProvisioningFailedException or CmsApiException or TimeoutException or ProblemException)
        {
            Log.ProvisioningFailed(logger, bridge.DisplayName, e.Message);
            // A sync that is still running (the timeout passed) is remembered, so that the next attempt
            // waits for it and the drift check retries once it ends; any other failure leaves none running.
            var syncLeftRunning = e is TimeoutException ? bridge.BulkSyncId : null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stillThere = await SetAsync(bridgeId, s => s
                .SetProperty(b => b.BulkParameterSetId, bridge.BulkParameterSetId)
                .SetProperty(b => b.BulkSyncId, syncLeftRunning)
                .SetProperty(b => b.Provisioning, ProvisioningState.Failed)
                .SetProperty(b => b.ProvisioningError, e.Message), ct);
            if (stillThere > 0)
            {
                if (e is ProvisioningFailedException { OnBridge: { } onBridge })
                {
                    db.Placeholders.RemoveRange(previous);
                    db.Placeholders.AddRange(onBridge);
                }
                await tickets.RaiseAsync(bridge.Id, TicketType.PlaceholderProvisioningFailed, "Placeholder provisioning failed", e.Message, cancellationToken: ct);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Writes provisioning's own columns of the bridge, whatever else changed in the row.</summary>
    private Task<int> SetAsync(Guid bridgeId, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Bridge>> set, CancellationToken ct) =>
        db.Bridges.Where(b => b.Id == bridgeId).ExecuteUpdateAsync(set, ct);

    private async Task<List<Placeholder>> ProvisionAsync(CmsClient cms, Bridge bridge, List<Placeholder> previous, long start, int count, CancellationToken ct)
    {
        var end = start + count - 1;
        var set = await OwnSetAsync(cms, bridge, ct);
        var synced = set is not null && await SettleAsync(cms, bridge, ct);
        var all = await FindPlaceholdersAsync(cms, bridge.PlaceholderPrefix, ct);
        var recorded = previous.Where(p => !p.Adopted).Select(p => p.SpaceId).ToHashSet(StringComparer.Ordinal);
        var found = all.Where(f => f.Key >= start && f.Key <= end).ToDictionary();
        // Spaces that Convene's own set makes are never "another tool's": when no sync of it is known to
        // have made them, the sync below replaces them (and fails on a space that is really another's).
        var foreign = found.Where(f => !recorded.Contains(f.Value.Id) && !Makes(set, bridge.PlaceholderPrefix, f.Key)).ToDictionary();
        if (foreign.Count == count)
        {
            if (set is not null)
            {
                await RemoveOwnSetAsync(cms, bridge, ct);
            }
            return foreign.Select(f => New(bridge, f.Key, f.Value.Id, adopted: true)).ToList();
        }
        if (foreign.Count > 0)
        {
            var example = foreign.First().Value;
            throw new ProvisioningFailedException($"{foreign.Count} of the {count} numeric IDs {start}–{end} already have a placeholder space made by another tool " +
                $"(such as '{example.Name}' with URI {example.Uri}), and the others do not: Convene adopts a range only when all of it was made elsewhere. " +
                "Choose numeric IDs that are free, or exactly the range that TMS made.",
                synced ? OnBridge(bridge, all, set!, previous) : null);
        }
        if (set is not null && Matches(set, bridge, start, end) && found.Count == count && (synced || found.Values.All(s => recorded.Contains(s.Id))))
        {
            // Everything is there as the set makes it: a sync that ended after a crash or a timeout.
            return found.Select(f => New(bridge, f.Key, f.Value.Id, adopted: false)).ToList();
        }
        await SyncAsync(cms, bridge, previous, start, end, ct);
        all = await FindPlaceholdersAsync(cms, bridge.PlaceholderPrefix, ct);
        found = all.Where(f => f.Key >= start && f.Key <= end).ToDictionary();
        var missing = Enumerable.Range(0, count).Select(i => start + i).Where(n => !found.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ProvisioningFailedException($"The bulk sync completed, but {missing.Count} numeric IDs have no placeholder space (such as {missing[0]}).",
                found.Select(f => New(bridge, f.Key, f.Value.Id, adopted: false)).ToList());
        }
        return found.Select(f => New(bridge, f.Key, f.Value.Id, adopted: false)).ToList();
    }

    /// <summary>What the bridge has once a sync of Convene's set ended: the set's spaces and the adopted ones.</summary>
    private static List<Placeholder> OnBridge(Bridge bridge, Dictionary<long, CmsSpace> all, CmsBulkParameterSet set, List<Placeholder> previous) =>
        all.Where(f => Makes(set, bridge.PlaceholderPrefix, f.Key)).Select(f => New(bridge, f.Key, f.Value.Id, adopted: false))
            .Concat(previous.Where(p => p.Adopted && all.TryGetValue(p.NumericId, out var space) && space.Id == p.SpaceId)
                .Select(p => New(bridge, p.NumericId, p.SpaceId, adopted: true)))
            .ToList();

    /// <summary>Spaces named prefix + N whose URI and call ID are N, by N.</summary>
    private static async Task<Dictionary<long, CmsSpace>> FindPlaceholdersAsync(CmsClient cms, string prefix, CancellationToken ct)
    {
        var found = new Dictionary<long, CmsSpace>();
        await foreach (var space in cms.ListSpacesAsync(new SpaceFilter(prefix), ct))
        {
            if (PlaceholderNumber(space, prefix) is { } n)
            {
                found.TryAdd(n, space);
            }
        }
        return found;
    }

    /// <summary>N when the space is named prefix + N with URI and call ID N, else null.</summary>
    internal static long? PlaceholderNumber(CmsSpace space, string prefix) =>
        space.Name is { } name && name.StartsWith(prefix, StringComparison.Ordinal)
        && long.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && string.Equals(space.Uri, n.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase) && space.CallId == space.Uri
            ? n
            : null;

    private static Placeholder New(Bridge bridge, long numericId, string spaceId, bool adopted) => new()
    {
        Id = Guid.NewGuid(),
        BridgeId = bridge.Id,
        NumericId = numericId,
        SpaceId = spaceId,
        Name = bridge.PlaceholderPrefix + numericId.ToString(CultureInfo.InvariantCulture),
        Adopted = adopted,
    };
}

/// <summary>Provisioning could not be done; the message says why, for the ticket. <see cref="OnBridge"/>,
/// when known, is what the bridge has now, to be recorded instead of what was there before.</summary>
public sealed class ProvisioningFailedException(string message, IReadOnlyList<Placeholder>? onBridge = null) : Exception(message)
{
    public IReadOnlyList<Placeholder>? OnBridge { get; } = onBridge;
}
