using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary><c>GET /api/bridges/{id}/availability?from=&amp;to=</c>: each placeholder's holds and free gaps in a window (at most 31 days).</summary>
internal sealed class BridgeAvailability(ConveneDb db, IOptions<MeetingsOptions> options)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public async Task<AvailabilityDto> GetAsync(Guid bridgeId, DateTimeOffset? fromQuery, DateTimeOffset? toQuery, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (fromQuery is null)
        {
            errors.Add("from", "from (an ISO 8601 instant such as 2026-12-01T08:00:00Z) is required.");
        }
        if (toQuery is null)
        {
            errors.Add("to", "to (an ISO 8601 instant) is required.");
        }
        if (fromQuery is { } f && toQuery is { } t && (t <= f || t - f > MaxWindow))
        {
            errors.Add("to", $"to must be after from and at most {MaxWindow.TotalDays:0} days later.");
        }
        errors.ThrowIfAny();
        var from = fromQuery!.Value.ToUniversalTime();
        var to = toQuery!.Value.ToUniversalTime();
        var lookback = from - options.Value.HoldLookback;
        var placeholders = await db.Placeholders.AsNoTracking().Where(p => p.BridgeId == bridgeId).OrderBy(p => p.NumericId)
            .Select(p => new { p.Id, p.NumericId }).ToListAsync(ct);
        if (placeholders.Count == 0 && !await db.Bridges.AnyAsync(b => b.Id == bridgeId, ct))
        {
            throw ProblemException.BridgeNotFound(bridgeId);
        }
        // One pass of the (BridgeId, HoldFromUtc) index, which holds every column read here: the holds come in start order.
        var holds = new Dictionary<Guid, List<BusyInterval>>();
        await foreach (var h in db.Meetings.AsNoTracking()
            .Where(m => m.BridgeId == bridgeId && m.HoldFromUtc < to && m.HoldFromUtc > lookback && m.HoldUntilUtc > from && m.PlaceholderId != null)
            .OrderBy(m => m.HoldFromUtc)
            .Select(m => new { m.PlaceholderId, m.HoldFromUtc, m.HoldUntilUtc, m.Id })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!holds.TryGetValue(h.PlaceholderId!.Value, out var list))
            {
                holds[h.PlaceholderId.Value] = list = [];
            }
            list.Add(new BusyInterval(h.HoldFromUtc, h.HoldUntilUtc, h.Id));
        }
        var result = new List<PlaceholderAvailability>(placeholders.Count);
        foreach (var p in placeholders)
        {
            var busy = holds.GetValueOrDefault(p.Id) ?? [];
            var free = new List<FreeInterval>();
            var cursor = from;
            foreach (var b in busy)
            {
                if (b.FromUtc > cursor)
                {
                    free.Add(new FreeInterval(cursor, b.FromUtc));
                }
                cursor = b.UntilUtc > cursor ? b.UntilUtc : cursor;
            }
            if (cursor < to)
            {
                free.Add(new FreeInterval(cursor, to));
            }
            result.Add(new PlaceholderAvailability(p.NumericId, busy, free));
        }
        return new AvailabilityDto(bridgeId, from, to, result.Count(r => r.Busy.Count == 0), result);
    }
}
