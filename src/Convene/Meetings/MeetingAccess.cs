using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Meetings;

/// <summary>Finding a meeting the caller may see, and the states in which it may still change.</summary>
internal static class MeetingAccess
{
    /// <summary>The meeting with its participants, tracked; 404 when there is none or a Booker does not organise it.</summary>
    public static async Task<Meeting> FindAsync(ConveneDb db, Guid id, Caller caller, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Participants).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null || !caller.MaySee(meeting))
        {
            throw new ProblemException(404, $"No meeting {id}.", null, "meeting-not-found");
        }
        return meeting;
    }

    /// <summary>409 when the meeting is over (Ended, Cancelled, Failed) or its cancel was already requested.</summary>
    public static void EnsureChangeable(Meeting meeting)
    {
        if (!meeting.IsActive)
        {
            throw new ProblemException(409, $"The meeting is {meeting.State} and can no longer change.", meeting.CancelReason, "meeting-over");
        }
        if (meeting.CancelRequested)
        {
            throw new ProblemException(409, "The meeting is being ended: its cancel was requested.", meeting.CancelReason, "meeting-over");
        }
    }
}
