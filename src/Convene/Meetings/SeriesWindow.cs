using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary>
/// Rolls the window of endless series on: every open-ended series whose occurrences stop short of now +
/// <see cref="MeetingsOptions.SeriesWindow"/> gets its next occurrences, made from its latest regular occurrence
/// (title, organizer, PIN, participants…) and allocated like a booking (lowest free placeholder, its bridge first).
/// An occurrence that finds no placeholder is saved Failed with the reason, so the rest of the series goes on.
/// Run periodically, once per cluster, by <see cref="Lifecycle.SeriesWindowJob"/>; idempotent.
/// </summary>
internal sealed class SeriesWindow(ConveneDb db, IOptions<MeetingsOptions> options, TimeProvider time, BookingGate gate, MeetingBooking booking,
    PlaceholderAllocator allocator)
{
    /// <summary>Extends every series that needs it up to now + the window (or <paramref name="until"/> when given);
    /// returns how many occurrences were made.</summary>
    public async Task<int> ExtendAsync(CancellationToken ct, DateTimeOffset? until = null)
    {
        var target = until ?? time.GetUtcNow() + options.Value.SeriesWindow;
        var due = await db.MeetingSeries.AsNoTracking().Where(s => s.IsOpenEnded && s.ExpandedUntilUtc < target).Select(s => s.Id).ToListAsync(ct);
        var made = 0;
        foreach (var id in due)
        {
            made += await ExtendOneAsync(id, target, ct);
        }
        return made;
    }

    private async Task<int> ExtendOneAsync(Guid seriesId, DateTimeOffset target, CancellationToken ct)
    {
        var waiting = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await gate.BeginAsync(db, options.Value.BookingWait - time.GetElapsedTime(waiting), ct);
            var series = await db.MeetingSeries.FirstAsync(s => s.Id == seriesId, ct);
            var occurrences = db.Meetings.Where(m => m.SeriesId == seriesId);
            var lastLocal = await occurrences.MaxAsync(m => m.RecurrenceIdLocal, ct);
            var model = await occurrences.Include(m => m.Participants).Where(m => !m.IsException).OrderByDescending(m => m.RecurrenceIdLocal).FirstOrDefaultAsync(ct)
                ?? await occurrences.Include(m => m.Participants).OrderByDescending(m => m.RecurrenceIdLocal).FirstOrDefaultAsync(ct);
            var zone = MeetingTime.Zone(series.TimeZone);
            if (model is null || zone is null || lastLocal is null)
            {
                series.IsOpenEnded = false;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return 0;
            }
            var exceptions = Recurrence.ParseDates(series.ExceptionDates);
            var times = MeetingBooking.Expand(series.FirstStartLocal, series.FirstEndLocal - series.FirstStartLocal, series.Recurrence, exceptions, zone,
                target, options.Value, out var truncated, after: lastLocal, refuseTooMany: false);
            var template = OccurrenceTemplate.Of(model);
            var pending = new List<PendingHold>();
            var candidates = new List<Bridges.Bridge>();
            foreach (var t in times)
            {
                var meeting = template.New(t.StartLocal, t.EndLocal, t.StartUtc, t.EndUtc, options.Value.GapAfterEnd);
                meeting.SeriesId = seriesId;
                meeting.RecurrenceIdLocal = t.StartLocal;
                if (candidates.Count == 0)
                {
                    var all = await allocator.Bookable.AsNoTracking().ToListAsync(ct);
                    candidates = [.. all.Where(b => b.Id == model.BridgeId), .. all.Where(b => b.Id != model.BridgeId)];
                }
                if (!await booking.TryAllocateAsync(meeting, candidates, pending, null, ct))
                {
                    meeting.BridgeId = model.BridgeId;
                    meeting.State = MeetingState.Failed;
                    meeting.CancelReason = $"No placeholder was free from {meeting.HoldFromUtc:u} to {meeting.HoldUntilUtc:u} when the series was extended.";
                }
                db.Meetings.Add(meeting);
            }
            series.ExpandedUntilUtc = truncated ? times[^1].StartUtc.AddTicks(1) : target;
            series.IsOpenEnded = MeetingBooking.HasMoreAfter(series.FirstStartLocal, series.Recurrence, exceptions, times.Count > 0 ? times[^1].StartLocal : lastLocal.Value);
            series.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return times.Count;
            }
            catch (Exception e) when (HoldConflicts.IsRetryable(e) && attempt < HoldConflicts.Attempts)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }
}
