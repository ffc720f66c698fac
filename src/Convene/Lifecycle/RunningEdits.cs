using Convene.Cms;
using Convene.Data;
using Convene.Live;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

/// <summary>
/// What a saved change of a running meeting does on the bridge, in this order: (1) a new title or PIN goes to the
/// space at once through the engine (<see cref="LifecycleEngine.ApplyToSpaceAsync"/>: one <c>PUT coSpaces/{id}</c>,
/// on the timeline); when it fails the whole change is undone and the answer is a 502 ProblemDetails, with nobody
/// dialled or hung up; (2) a participant removed from the meeting while on its call is hung up
/// (<c>DELETE callLegs/{id}</c>); (3) a dial-out participant added to a running <see cref="LaunchType.Automatic"/>
/// meeting is dialled (<see cref="Dialler"/>, with its ownerId). A failed hang-up or dial-out does not undo the
/// change: it is the participant's state (Failed with the CMS reason, retried as any dial-out) and a timeline row.
/// A change of end only moves the meeting's triggers (no CMS request). When another instance holds the meeting's lease
/// at that moment, the new title or PIN stays saved with its push pending and reconciliation sends it.
/// </summary>
internal sealed class RunningEdits(ConveneDb db, LifecycleEngine engine, Dialler dialler, ParticipantTracker tracker, LiveState live)
{
    /// <summary>Carries out the change saved over <paramref name="before"/> and returns the meeting as it is now.</summary>
    /// <exception cref="ProblemException">502 when the space refused the new title or PIN (the change was undone).</exception>
    public async Task<Meeting> ApplyAsync(RunningEdit before, CancellationToken ct)
    {
        try
        {
            await engine.ApplyToSpaceAsync(before, ct);
        }
        catch (ProblemException e) when (e.Type == MeetingLeases.BusyType)
        {
            // Another instance holds the meeting this moment: the change is saved with its space push pending, and
            // reconciliation pushes it (LifecycleEngine.PushPendingSpaceAsync).
        }
        await live.RunAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var meeting = await db.Meetings.Include(m => m.Participants).SingleAsync(m => m.Id == before.MeetingId, ct);
            if (meeting.State != MeetingState.Running || meeting.CallId is null)
            {
                return false;
            }
            foreach (var gone in before.Participants.Where(p => meeting.Participants.All(now => now.Id != p.Id)))
            {
                await HangUpAsync(meeting, gone, ct);
            }
            if (meeting.Launch == LaunchType.Automatic)
            {
                var known = before.Participants.Select(p => p.Id).ToHashSet();
                foreach (var added in meeting.Participants.Where(p => !known.Contains(p.Id) && p.DialOut && p.Address is { Length: > 0 } && p.CallLegId is null).ToList())
                {
                    added.Attempts++;
                    try
                    {
                        await dialler.DialAsync(meeting, added, ct);
                    }
                    catch (ProblemException e)
                    {
                        tracker.Record(meeting, added, $"{ParticipantTracker.Describe(added)}: not dialled ({e.Title})");
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        db.ChangeTracker.Clear();
        return await db.Meetings.AsNoTracking().Include(m => m.Participants).SingleAsync(m => m.Id == before.MeetingId, ct);
    }

    private async Task HangUpAsync(Meeting meeting, MeetingParticipant gone, CancellationToken ct)
    {
        if (gone.CallLegId is not { } leg || gone.State is not (ParticipantState.Dialling or ParticipantState.Ringing or ParticipantState.Connected))
        {
            return;
        }
        try
        {
            await (await dialler.ClientAsync(meeting, ct)).DeleteCallLegAsync(leg, ct);
            tracker.Record(meeting, gone, $"{ParticipantTracker.Describe(gone)}: hung up (removed from the meeting)");
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            tracker.Record(meeting, gone, $"{ParticipantTracker.Describe(gone)}: removed from the meeting (had already left the call)");
        }
        catch (Exception e) when (e is CmsApiException or ProblemException)
        {
            tracker.Record(meeting, gone, $"{ParticipantTracker.Describe(gone)}: removed from the meeting, but the hang-up failed ({e.Message})");
        }
    }
}
