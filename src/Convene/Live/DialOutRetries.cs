using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

/// <summary>Dials again the failed dial-outs whose retry is due (<see cref="MeetingParticipant.RetryAtUtc"/>, set with
/// back-off by <see cref="ParticipantTracker.Ended"/>). Each retry is claimed in the database first (the row's
/// attempt count and retry time must still be what was read), so two instances never dial one retry twice. One
/// method, <see cref="RunAsync"/>, so a scheduler can run it as a job.</summary>
public sealed class DialOutRetries(ConveneDb db, Dialler dialler, TimeProvider time)
{
    private const int Batch = 50;

    /// <summary>Dials every retry due now; returns how many were dialled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Oldest first, so a batch cut short never starves the earliest retries.
        var due = await db.MeetingParticipants.AsNoTracking().Where(p => p.RetryAtUtc != null && p.RetryAtUtc <= now)
            .OrderBy(p => p.RetryAtUtc).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.MeetingId, p.Attempts, p.RetryAtUtc }).Take(Batch).ToListAsync(cancellationToken);
        var dialled = 0;
        foreach (var retry in due)
        {
            var claimed = await db.MeetingParticipants
                .Where(p => p.Id == retry.Id && p.Attempts == retry.Attempts && p.RetryAtUtc == retry.RetryAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Attempts, retry.Attempts + 1).SetProperty(p => p.RetryAtUtc, (DateTimeOffset?)null)
                    .SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance took it, or the participant changed
            }
            var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == retry.MeetingId, cancellationToken);
            var participant = await db.MeetingParticipants.FirstOrDefaultAsync(p => p.Id == retry.Id, cancellationToken);
            if (meeting is null || participant is null || meeting.State is not (MeetingState.Starting or MeetingState.Running) || meeting.CallId is null)
            {
                continue;
            }
            await dialler.DialAsync(meeting, participant, cancellationToken);
            dialled++;
        }
        return dialled;
    }
}
