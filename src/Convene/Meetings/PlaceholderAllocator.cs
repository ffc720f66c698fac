using Convene.Bridges;
using Convene.Data;
using Convene.Placeholders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary>A placeholder hold not yet saved (another occurrence of the same booking).</summary>
internal sealed record PendingHold(Guid PlaceholderId, DateTimeOffset From, DateTimeOffset Until);

/// <summary>
/// Chooses placeholders at booking time: on each candidate bridge in order, the lowest-numbered placeholder free over
/// the whole hold interval [start − early join, end + gap). Holds are half-open, so one may begin where another ends.
/// Read and write happen inside a <see cref="BookingGate"/> transaction, which the database also guards.
/// </summary>
internal sealed class PlaceholderAllocator(ConveneDb db, IOptions<MeetingsOptions> options)
{
    /// <summary>Bridges a booking may use: Active, provisioning Complete, booking allowed.</summary>
    public IQueryable<Bridge> Bookable => db.Bridges.Where(b => b.AllowBooking && b.Provisioning == ProvisioningState.Complete && b.State == BridgeState.Active);

    /// <summary>
    /// The candidate bridges in order: the configured preferred order first, then the most free placeholders over the
    /// interval. Throws 409 when none allows booking, or when the pinned bridge does not.
    /// </summary>
    public async Task<List<Bridge>> CandidatesAsync(Guid? pinned, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        if (pinned is { } id)
        {
            var bridge = await db.Bridges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct)
                ?? throw new MeetingValidationException(new() { ["bridgeId"] = [$"There is no bridge {id}."] });
            if (!bridge.AllowBooking || bridge.Provisioning != ProvisioningState.Complete || bridge.State != BridgeState.Active)
            {
                throw new ProblemException(409, $"Bridge {bridge.DisplayName} does not take bookings now.",
                    $"Booking needs AllowBooking (now {bridge.AllowBooking}), provisioning Complete (now {bridge.Provisioning}) and state Active (now {bridge.State}).", "bridge-not-bookable");
            }
            return [bridge];
        }
        var bridges = await Bookable.AsNoTracking().ToListAsync(ct);
        if (bridges.Count == 0)
        {
            throw new ProblemException(409, "No bridge takes bookings.", "Add a bridge, complete its placeholder provisioning and allow booking on it.", "no-bookable-bridge");
        }
        if (bridges.Count == 1)
        {
            return bridges;
        }
        var free = new Dictionary<Guid, int>();
        foreach (var bridge in bridges)
        {
            free[bridge.Id] = await FreeCountAsync(bridge.Id, from, until, ct);
        }
        var preferred = options.Value.PreferredBridges;
        return bridges
            .OrderBy(b => preferred.IndexOf(b.Id) is var i and >= 0 ? i : int.MaxValue)
            .ThenByDescending(b => free[b.Id])
            .ThenBy(b => b.AddedUtc)
            .ToList();
    }

    /// <summary>How many placeholders of the bridge are free over the whole interval.</summary>
    public async Task<int> FreeCountAsync(Guid bridgeId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var lookback = from - options.Value.HoldLookback;
        var total = await db.Placeholders.CountAsync(p => p.BridgeId == bridgeId, ct);
        var busy = await db.Meetings.Where(m => m.BridgeId == bridgeId && m.PlaceholderId != null
                && m.HoldFromUtc < until && m.HoldFromUtc > lookback && m.HoldUntilUtc > from)
            .Select(m => m.PlaceholderId).Distinct().CountAsync(ct);
        return total - busy;
    }

    /// <summary>The lowest-numbered placeholder of the bridge free over [from, until), leaving out the holds of
    /// <paramref name="ignoring"/> (a meeting being moved) and the unsaved <paramref name="pending"/> holds.</summary>
    /// <remarks>Probes the placeholders in numeric order, each through the (PlaceholderId, HoldFromUtc, HoldUntilUtc)
    /// index, and stops at the first free one: a few index lookups however many bookings exist. PostgreSQL would
    /// rather turn the NOT EXISTS into an anti join that reads every hold of the bridge in the look-back window (it
    /// cannot tell that the lowest placeholders are usually free); an OFFSET keeps the subquery a per-row probe there
    /// (it is not flattened into a join), and SQLite probes either way.</remarks>
    public async Task<Placeholder?> LowestFreeAsync(Guid bridgeId, DateTimeOffset from, DateTimeOffset until, IReadOnlyCollection<PendingHold> pending,
        Guid? ignoring, CancellationToken ct)
    {
        var lookback = from - options.Value.HoldLookback;
        var taken = pending.Where(h => h.From < until && h.Until > from).Select(h => h.PlaceholderId).Distinct().ToList();
        var placeholders = db.Placeholders.AsNoTracking().Where(p => p.BridgeId == bridgeId);
        if (taken.Count > 0)
        {
            placeholders = placeholders.Where(p => !taken.Contains(p.Id));
        }
        return await placeholders
            .Where(p => !db.Meetings.Where(m => m.PlaceholderId == p.Id && m.HoldFromUtc < until && m.HoldFromUtc > lookback && m.HoldUntilUtc > from
                    && (ignoring == null || m.Id != ignoring))
                .OrderBy(m => m.HoldFromUtc).Skip(0).Any())
            .OrderBy(p => p.NumericId)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The first hold in the way on the given bridges (earliest, then lowest numeric ID), for the 409.</summary>
    public async Task<string> FirstConflictAsync(IReadOnlyCollection<Guid> bridgeIds, DateTimeOffset from, DateTimeOffset until, Guid? ignoring, CancellationToken ct)
    {
        var lookback = from - options.Value.HoldLookback;
        var ignored = ignoring ?? Guid.Empty;
        var conflict = await db.Meetings.AsNoTracking()
            .Where(m => bridgeIds.Contains(m.BridgeId) && m.PlaceholderId != null && m.Id != ignored
                && m.HoldFromUtc < until && m.HoldFromUtc > lookback && m.HoldUntilUtc > from)
            .OrderBy(m => m.HoldFromUtc).ThenBy(m => m.NumericId)
            .Select(m => new { m.Id, m.Title, m.NumericId, m.HoldFromUtc, m.HoldUntilUtc })
            .FirstOrDefaultAsync(ct);
        if (conflict is null)
        {
            var placeholders = await db.Placeholders.CountAsync(p => bridgeIds.Contains(p.BridgeId), ct);
            return placeholders == 0
                ? "The bridge has no placeholders."
                : "Every free placeholder is held by another occurrence of this booking.";
        }
        return $"The first conflict is meeting {conflict.Id} '{conflict.Title}', holding placeholder {conflict.NumericId} from {conflict.HoldFromUtc:u} to {conflict.HoldUntilUtc:u}.";
    }
}
