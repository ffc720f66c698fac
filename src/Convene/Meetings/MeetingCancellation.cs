using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Meetings;

/// <summary>
/// <c>DELETE /api/meetings/{id}</c>. A Booked meeting becomes Cancelled at once and releases its placeholder
/// (<see cref="Meeting.PlaceholderId"/> null). A live one (Starting, Running, Ending) keeps its State and gets
/// <see cref="Meeting.CancelRequested"/>: the lifecycle engine ends it as for "end now". With <c>series=true</c> this
/// occurrence and every later one of the series go the same way, and the series is closed
/// (<see cref="MeetingSeries.IsOpenEnded"/> false) so that its window no longer rolls on.
/// </summary>
internal sealed class MeetingCancellation(ConveneDb db)
{
    public async Task CancelAsync(Guid id, long? expectedVersion, bool series, Caller caller, CancellationToken ct)
    {
        var meeting = await MeetingAccess.FindAsync(db, id, caller, ct);
        if (!caller.MayChange(meeting))
        {
            throw new ProblemException(403, "Only the organizer or an Operator may cancel this meeting.", null, "meeting-forbidden");
        }
        if (expectedVersion is { } expected && expected != meeting.Version)
        {
            throw new ProblemException(412, "The meeting changed since you read it.",
                $"If-Match names version {expected}; the meeting is at version {meeting.Version}.", "stale-etag");
        }
        MeetingAccess.EnsureChangeable(meeting);
        var reason = $"Cancelled by {caller.UserName}.";
        Cancel(meeting, reason);
        if (series)
        {
            if (meeting.SeriesId is not { } seriesId)
            {
                throw new MeetingValidationException(new() { ["series"] = ["This meeting is not an occurrence of a series."] });
            }
            var later = await db.Meetings
                .Where(m => m.SeriesId == seriesId && m.Id != meeting.Id && m.StartUtc > meeting.StartUtc && Meeting.ActiveStates.Contains(m.State) && !m.CancelRequested)
                .ToListAsync(ct);
            foreach (var m in later)
            {
                Cancel(m, reason);
            }
            var row = await db.MeetingSeries.FirstAsync(s => s.Id == seriesId, ct);
            row.IsOpenEnded = false;
            row.Version++;
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Cancel(Meeting m, string reason)
    {
        if (m.IsLive)
        {
            m.CancelRequested = true;
        }
        else
        {
            m.State = MeetingState.Cancelled;
            m.PlaceholderId = null;
        }
        m.CancelReason = reason;
        m.Version++;
    }
}
