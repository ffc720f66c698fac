using Convene.Cms;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Finishes dial-outs that a crash left half-done on a running meeting: a participant saved
    /// <see cref="ParticipantState.Dialling"/> without a call leg (the process died before the POST answered, or before
    /// it was sent). Each is first looked up by its <c>ownerId</c> on the call's node (the leg is adopted when the bridge
    /// made it: never dialled twice) and dialled again only when no leg exists. A dial-out in flight elsewhere looks the
    /// same until its answer comes, so a meeting whose engine sent or recorded anything within
    /// <see cref="LifecycleOptions.StaleDialAfter"/> is left for the next reconciliation.
    /// </summary>
    private Task<bool> RecoverDialsAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        if (meeting.State != MeetingState.Running || meeting.CallId is not { } callId || run.Node(meeting.CallNodeId) is not { Reachable: not false } node)
        {
            return false;
        }
        var stuck = meeting.Participants.Where(p => p.DialOut && p.Address is { Length: > 0 } && p.CallLegId is null && p.State == ParticipantState.Dialling).ToList();
        if (stuck.Count == 0)
        {
            return false;
        }
        var quietSince = time.GetUtcNow() - Options.StaleDialAfter;
        if (await run.Db.MeetingEvents.AnyAsync(e => e.MeetingId == meeting.Id && (e.Kind == MeetingEventKind.Transition || e.Kind == MeetingEventKind.CmsRequest)
            && e.TimeUtc > quietSince, ct))
        {
            return false;
        }
        var missing = new List<MeetingParticipant>();
        foreach (var p in stuck)
        {
            var found = await run.SendAsync(node, "GET", $"/api/v1/calls/{callId}/callLegs?ownerIdSet=true",
                c => c.FindCallLegByOwnerIdAsync(callId, p.OwnerId.ToString("D"), ct), ct);
            if (found is null)
            {
                missing.Add(p);
                continue;
            }
            p.CallLegId = found;
            run.Event(MeetingEventKind.Participant, $"{p.Address}: call leg {found} of an interrupted dial-out found by its ownerId, not dialled again.", participant: p.Id);
            metrics.DialOut("recovered");
            LifecycleLog.DialRecovered(logger, meeting.Id, "adopted");
        }
        foreach (var p in missing)
        {
            p.Attempts++;
        }
        await run.SaveAsync(ct);
        foreach (var p in missing)
        {
            try
            {
                p.CallLegId = await run.SendAsync(node, "POST", $"/api/v1/calls/{callId}/callLegs", c => c.DialOutAsync(callId, Live.ParticipantDialOut.Of(p), ct), ct);
                run.Event(MeetingEventKind.Participant, $"{p.Address}: an interrupted dial-out made no leg; dialled again, call leg {p.CallLegId}.", participant: p.Id);
                metrics.DialOut("dialled");
                LifecycleLog.DialRecovered(logger, meeting.Id, "dialled again");
            }
            catch (CmsApiException e) when (!e.IsTransient || e.Kind == CmsErrorKind.Timeout)
            {
                p.State = ParticipantState.Failed;
                p.Reason = e.Message;
                run.Event(MeetingEventKind.Participant, $"{p.Address}: dial-out failed: {e.Message}", participant: p.Id);
                metrics.DialOut("failed");
            }
            await run.SaveAsync(ct);
        }
        metrics.Requests("reconcile", run.Requests);
        return true;
    }, false, ct);
}
