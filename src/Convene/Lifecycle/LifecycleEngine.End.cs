using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Ends the meeting at its end (or at once when <paramref name="force"/>, "end now"): reverts the space (placeholder
    /// name, <c>nonMemberAccess=false</c>, passcode cleared, <c>regenerateSecret=true</c>, scheduler and owner cleared) and deletes
    /// the call on every node that hosts an instance of it (<see cref="Live.CallInstance"/>, known from each node's
    /// <c>callStart</c> CDR): 2 requests for a single-node meeting, one more per other node. AutomaticBestEffort decided
    /// before the end (<see cref="ExtendCheckAsync"/>), so an extended meeting's end is simply later. A call already gone
    /// counts as deleted.
    /// </summary>
    public Task<bool> EndAsync(Guid meetingId, bool force, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        var now = time.GetUtcNow();
        switch (meeting.State)
        {
            case MeetingState.Booked when force || meeting.CancelRequested:
                meeting.State = meeting.CancelRequested ? MeetingState.Cancelled : MeetingState.Ended;
                run.Transition("Ended before it started: nothing was open on the bridge.");
                await run.SaveAsync(ct);
                return true;
            case MeetingState.Booked when now >= meeting.EndUtc:
                await MissAsync(run, "start", $"The meeting never started: Convene was not running from its open time until its end at {meeting.EndUtc:u}.", ct);
                return false;
            case MeetingState.Starting or MeetingState.Running:
                if (!force && !meeting.CancelRequested && now < meeting.EndUtc)
                {
                    return false;
                }
                meeting.State = MeetingState.Ending;
                run.Transition(force ? "Ending now, as asked." : meeting.CancelRequested ? "Ending: cancelled while running." : "Ending at its end time.");
                await run.SaveAsync(ct);
                break;
            case MeetingState.Ending:
                LifecycleLog.Resuming(logger, meeting.Id, "end");
                run.Transition("Finishing an end that was interrupted.");
                break;
            default:
                return false;
        }
        await LeaveCallAsync(run, now, ct);
        await CloseAsync(run, ct);
        meeting.State = meeting.CancelRequested ? MeetingState.Cancelled : MeetingState.Ended;
        run.Transition(meeting.State == MeetingState.Cancelled ? "Cancelled: the space is closed and the call ended." : "Ended: the space is closed and the call ended.");
        await run.SaveAsync(ct);
        metrics.Requests("end", run.Requests);
        LifecycleLog.Ended(logger, meeting.Id);
        return true;
    }, false, ct);

    /// <summary>Before the call is deleted, every participant still dialling or ringing is Failed and every connected
    /// one Disconnected (reason <c>meetingEnded</c>), pending retries are dropped, and this is saved. It runs under the
    /// live gate (<see cref="Live.LiveState"/>) on the participants read again there, so each change is recorded once
    /// whichever source sees it first: a leg whose <c>callLegEnd</c> CDR (or the polling fallback) was processed before
    /// is left as that source wrote it, and the CDRs the deletion causes find the participants already gone
    /// (<see cref="Live.ParticipantTracker.Ended"/> ignores them). A meeting ended before its end gives the rest of its
    /// placeholder hold back, keeping the gap after the end.</summary>
    private async Task LeaveCallAsync(MeetingRun run, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<Live.LiveState>();
        await live.RunAsync(async () =>
        {
            var meeting = run.Meeting;
            foreach (var p in meeting.Participants.ToList())
            {
                await run.Db.Entry(p).ReloadAsync(ct);
            }
            meeting.Participants.RemoveAll(p => run.Db.Entry(p).State == Microsoft.EntityFrameworkCore.EntityState.Detached);
            await run.Db.Entry(meeting).Collection(m => m.Participants).LoadAsync(ct);
            LeaveCall(run, now);
            await run.SaveAsync(ct);
            return true;
        }, ct);
    }

    private static void LeaveCall(MeetingRun run, DateTimeOffset now)
    {
        var meeting = run.Meeting;
        foreach (var p in meeting.Participants.Where(p => p.State is ParticipantState.Dialling or ParticipantState.Ringing or ParticipantState.Connected
            || p.RetryAtUtc is not null))
        {
            p.State = p.State is ParticipantState.Dialling or ParticipantState.Ringing ? ParticipantState.Failed
                : p.State == ParticipantState.Connected ? ParticipantState.Disconnected : p.State;
            p.Reason ??= "meetingEnded";
            p.RetryAtUtc = null;
            p.InLobby = false;
            run.Event(MeetingEventKind.Participant, $"{p.Name ?? p.Address}: {p.State} (meeting ended)", participant: p.Id);
        }
        if (now < meeting.EndUtc)
        {
            var gap = meeting.HoldUntilUtc - meeting.EndUtc;
            meeting.HoldUntilUtc = now + (gap > TimeSpan.Zero ? gap : TimeSpan.Zero);
        }
    }

    private static async Task CloseAsync(MeetingRun run, CancellationToken ct)
    {
        var meeting = run.Meeting;
        if (run.Placeholder is { } placeholder)
        {
            var revert = new SpaceChanges
            {
                Name = placeholder.Name, NonMemberAccess = false, Passcode = CmsParam.Clear, RegenerateSecret = true, MeetingScheduler = CmsParam.Clear,
                OwnerJid = CmsParam.Clear,
            };
            await OnAnyNodeAsync(run, meeting.CallNodeId, node =>
                run.SendAsync(node, "PUT", MeetingRun.SpacePath(placeholder.SpaceId), c => c.UpdateSpaceAsync(placeholder.SpaceId, revert, ct), ct));
        }
        var instances = await run.Db.CallInstances.AsNoTracking().Where(i => i.MeetingId == meeting.Id).ToListAsync(ct);
        if (meeting.CallId is { } callId && run.Node(meeting.CallNodeId) is { } host)
        {
            try
            {
                await run.SendAsync(host, "DELETE", MeetingRun.CallPath(callId), c => c.DeleteCallAsync(callId, ct), ct);
                await ForgetAsync(run, host.Id, callId, ct);
            }
            catch (CmsApiException e) when (e.IsNotFound || e.Kind == CmsErrorKind.Connection)
            {
                // Gone already, or its node is down and took the call with it.
                if (e.IsNotFound)
                {
                    await ForgetAsync(run, host.Id, callId, ct);
                }
            }
            await DeleteInstancesAsync(run, instances.Where(i => i.NodeId != host.Id || i.CallId != callId), ct);
        }
        else if (meeting.Launch == LaunchType.Reservation && run.Placeholder is { } reserved)
        {
            // The bridge made the call when the first caller dialled in: end it on every node that has one.
            foreach (var node in run.Candidates().Where(n => n.Reachable != false))
            {
                try
                {
                    var calls = await run.SendAsync(node, "GET", $"/api/v1/calls?coSpaceFilter={reserved.SpaceId}",
                        c => c.ListCallsAsync(reserved.SpaceId, cancellationToken: ct).ToListAsync(ct).AsTask(), ct);
                    foreach (var call in calls)
                    {
                        await run.SendAsync(node, "DELETE", MeetingRun.CallPath(call.Id), c => c.DeleteCallAsync(call.Id, ct), ct);
                    }
                    await ForgetAsync(run, node.Id, null, ct);
                }
                catch (CmsApiException e) when (e.IsTransient || e.IsNotFound)
                {
                    // Reconciliation looks again.
                }
            }
        }
    }

    /// <summary>Shared cluster data (spaces): on the nodes of <see cref="MeetingRun.SharedDataNodes"/> in turn, until one
    /// answers; a transient failure moves on to the next, any other is thrown.</summary>
    /// <exception cref="CmsApiException">The last node's transient failure, when none answered.</exception>
    private static async Task OnAnyNodeAsync(MeetingRun run, Guid? first, Func<BridgeNode, Task> operation)
    {
        CmsApiException? last = null;
        foreach (var node in run.SharedDataNodes(first))
        {
            try
            {
                await operation(node);
                return;
            }
            catch (CmsApiException e) when (e.IsTransient)
            {
                last = e;
            }
        }
        throw (Exception?)last ?? new InvalidOperationException($"{run.Bridge.DisplayName} has no node with an API address.");
    }

    /// <summary>Shows the end warning banner when the meeting is running and within the warning's minutes of its end.</summary>
    public Task<bool> WarnAsync(Guid meetingId, int minutes, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        var now = time.GetUtcNow();
        if (meeting.State != MeetingState.Running || meeting.CallId is not { } callId || run.Node(meeting.CallNodeId) is not { } node
            || now < meeting.EndUtc.AddMinutes(-minutes) || now >= meeting.EndUtc)
        {
            return false;
        }
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Options.WarningText, minutes);
        await run.SendAsync(node, "PUT", MeetingRun.CallPath(callId),
            c => c.SetMessageBannerAsync(callId, text, MessagePosition.Top, MessageDuration.FromTimeSpan(Options.WarningDuration), ct), ct);
        run.Transition($"End warning shown: {text}");
        await run.SaveAsync(ct);
        metrics.Requests("warn", run.Requests);
        return true;
    }, false, ct);
}
