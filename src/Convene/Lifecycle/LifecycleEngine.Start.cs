using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Opens the meeting at its start less the early join: checks the placeholder is idle (one <c>GET calls?coSpaceFilter</c>;
    /// a call made by an interrupted start of this meeting is adopted, never a second made), opens the space (one PUT),
    /// creates the call on the first healthy node in failover order (one POST) and, for <see cref="LaunchType.Automatic"/>,
    /// dials each dial-out participant once with its <c>ownerId</c>: 3 + N requests. A <see cref="LaunchType.Reservation"/>
    /// opens the space only (1 request): callers dial in and the bridge makes the call. The state is saved before each step.
    /// </summary>
    public Task StartAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        var now = time.GetUtcNow();
        var due = meeting.StartUtc.AddMinutes(-Math.Max(0, meeting.EarlyJoinMinutes));
        var resuming = meeting.State == MeetingState.Starting;
        if (meeting.State == MeetingState.Booked)
        {
            if (meeting.CancelRequested)
            {
                meeting.State = MeetingState.Cancelled;
                meeting.CancelReason ??= "Cancelled before it started.";
                run.Transition("Cancelled before the start.");
                await run.SaveAsync(ct);
                return true;
            }
            if (now < due)
            {
                return false;
            }
            if (now >= meeting.EndUtc)
            {
                await MissAsync(run, "start", $"The start at {due:u} was missed: Convene was not running until {now:u}, after the meeting's end at {meeting.EndUtc:u}.", ct);
                return false;
            }
            meeting.State = MeetingState.Starting;
            run.Transition($"Starting ({Minutes(now - due)} after its open time {due:u}).");
            LifecycleLog.Starting(logger, meeting.Id, (now - due).TotalMilliseconds);
            await run.SaveAsync(ct);
        }
        else if (meeting.State == MeetingState.Starting)
        {
            LifecycleLog.Resuming(logger, meeting.Id, "start");
            run.Transition("Finishing a start that was interrupted.");
        }
        else
        {
            return false;
        }
        await OpenAsync(run, resuming, ct);
        metrics.Requests("start", run.Requests);
        return true;
    }, false, ct);

    private async Task OpenAsync(MeetingRun run, bool resuming, CancellationToken ct)
    {
        var meeting = run.Meeting;
        var placeholder = run.Placeholder;
        if (placeholder is null)
        {
            meeting.State = MeetingState.Failed;
            meeting.CancelReason = "The meeting holds no placeholder, so it cannot open on the bridge.";
            run.Transition(meeting.CancelReason);
            await run.SaveAsync(ct);
            return;
        }
        var open = new SpaceChanges
        {
            Name = meeting.Title, NonMemberAccess = true, Passcode = meeting.Pin is { Length: > 0 } pin ? pin : CmsParam.Clear,
            Secret = meeting.Secret is { Length: > 0 } secret ? secret : default(CmsParam<string>),
            MeetingScheduler = meeting.OrganizerName is { Length: > 0 } organizer ? organizer : default(CmsParam<string>),
            OwnerJid = OwnerJid(meeting),
        };
        CmsApiException? last = null;
        foreach (var node in run.Candidates())
        {
            try
            {
                if (meeting.Launch == LaunchType.Reservation)
                {
                    await OpenSpaceAsync(run, node, placeholder.SpaceId, open, ct);
                    MarkRunning(run, null, node);
                    await SaveRunningAsync(run, node, ct);
                    return;
                }
                var existing = await run.SendAsync(node, "GET", $"/api/v1/calls?coSpaceFilter={placeholder.SpaceId}",
                    c => c.ListCallsAsync(placeholder.SpaceId, cancellationToken: ct).FirstOrDefaultAsync(ct).AsTask(), ct);
                if (existing is not null && !resuming)
                {
                    // A call from someone else's use of the placeholder: this meeting must not inherit its people.
                    await run.SendAsync(node, "DELETE", MeetingRun.CallPath(existing.Id), c => c.DeleteCallAsync(existing.Id, ct), ct);
                    LifecycleLog.LeftoverCallRemoved(logger, meeting.Id);
                    existing = null;
                }
                if (existing is null || existing.Id != meeting.CallId)
                {
                    // A call this start saved was made after its PUT was answered: the space is open already.
                    await OpenSpaceAsync(run, node, placeholder.SpaceId, open, ct);
                }
                var callId = existing?.Id;
                if (callId is null)
                {
                    var changes = meeting.Locked ? new CallChanges { Locked = true } : null;
                    callId = await run.SendAsync(node, "POST", "/api/v1/calls", c => c.CreateCallAsync(placeholder.SpaceId, changes, ct), ct);
                }
                else
                {
                    run.Transition($"Adopted call {callId} made by the interrupted start.");
                }
                if (meeting.Launch == LaunchType.Automatic)
                {
                    // Still Starting while dialling (the call saved with the participants marked dialling, before the
                    // first dial-out): a start interrupted here is resumed by its recovery, which dials whoever was not
                    // dialled, looking lost answers up first. The legs are saved with the Running state.
                    meeting.CallId = callId;
                    meeting.CallNodeId = node.Id;
                    await DialOutsAsync(run, node, () => run.SaveAsync(ct), () =>
                    {
                        MarkRunning(run, callId, node);
                        return SaveRunningAsync(run, node, ct);
                    }, ct);
                }
                else
                {
                    MarkRunning(run, callId, node);
                    await SaveRunningAsync(run, node, ct);
                }
                return;
            }
            catch (CmsApiException e) when (e.IsTransient)
            {
                last = e;
                run.Transition($"Node {node.Name} could not take the meeting ({e.Kind}); trying the next node.");
                await run.SaveAsync(ct);
            }
        }
        throw (Exception?)last ?? new InvalidOperationException($"{run.Bridge.DisplayName} has no node with an API address.");
    }

    /// <summary>Records the meeting as running on <paramref name="node"/> (saved by <see cref="SaveRunningAsync"/>).</summary>
    private static void MarkRunning(MeetingRun run, string? callId, BridgeNode node)
    {
        var meeting = run.Meeting;
        meeting.CallId = callId;
        meeting.CallNodeId = node.Id;
        meeting.State = MeetingState.Running;
        run.Transition(callId is null ? "Running: the space is open for dial-in (reservation)." : $"Running as call {callId} on {node.Name}.");
    }

    /// <summary>Saves the run of a meeting marked running, with whatever else it changed, and counts the start.</summary>
    private async Task SaveRunningAsync(MeetingRun run, BridgeNode node, CancellationToken ct)
    {
        var meeting = run.Meeting;
        await run.SaveAsync(ct);
        var due = meeting.StartUtc.AddMinutes(-Math.Max(0, meeting.EarlyJoinMinutes));
        metrics.Started(time.GetUtcNow() - due);
        LifecycleLog.Running(logger, meeting.Id, meeting.CallId, node.Name);
    }

    /// <summary>Dials every dial-out participant not yet on the call: a participant with an attempt whose answer was
    /// lost is first looked up by its ownerId; the others are marked dialling and <paramref name="save"/>d before they are
    /// dialled at once; <paramref name="finish"/> then saves the call legs (the start saves them with the Running state,
    /// so a start costs three saves whatever N).</summary>
    private async Task DialOutsAsync(MeetingRun run, BridgeNode node, Func<Task> save, Func<Task> finish, CancellationToken ct)
    {
        var meeting = run.Meeting;
        var callId = meeting.CallId!;
        var pending = meeting.Participants.Where(p => p.DialOut && p.Address is { Length: > 0 } && p.CallLegId is null && p.State != ParticipantState.Failed).ToList();
        foreach (var p in pending.Where(p => p.Attempts > 0).ToList())
        {
            var found = await run.SendAsync(node, "GET", $"/api/v1/calls/{callId}/callLegs?ownerIdSet=true",
                c => c.FindCallLegByOwnerIdAsync(callId, p.OwnerId.ToString("D"), ct), ct);
            if (found is not null)
            {
                p.CallLegId = found;
                run.Event(MeetingEventKind.Participant, $"{p.Address}: call leg {found} found by its ownerId, not dialled again.", participant: p.Id);
                metrics.DialOut("recovered");
                pending.Remove(p);
            }
        }
        foreach (var p in pending)
        {
            p.Attempts++;
            p.State = ParticipantState.Dialling;
        }
        await save();
        if (pending.Count == 0)
        {
            await finish();
            return;
        }
        var results = await Task.WhenAll(pending.Select(async p =>
        {
            try
            {
                var leg = await run.SendAsync(node, "POST", $"/api/v1/calls/{callId}/callLegs",
                    c => c.DialOutAsync(callId, Live.ParticipantDialOut.Of(p), ct), ct);
                return (p, leg, (string?)null);
            }
            catch (CmsApiException e)
            {
                // Any failure of one dial-out is that participant's (retried with back-off, looked up by its ownerId
                // first): it must not fail the start over to another node, which would make a second call.
                return (p, (string?)null, e.Message);
            }
        }));
        foreach (var (p, leg, error) in results)
        {
            if (leg is not null)
            {
                p.CallLegId = leg;
                run.Event(MeetingEventKind.Participant, $"{p.Address}: dialling, call leg {leg}.", participant: p.Id);
                metrics.DialOut("dialled");
            }
            else
            {
                p.State = ParticipantState.Failed;
                p.Reason = error;
                run.Event(MeetingEventKind.Participant, $"{p.Address}: dial-out failed: {error}", participant: p.Id);
                metrics.DialOut("failed");
                LifecycleLog.DialOutFailed(logger, meeting.Id, error ?? "");
            }
        }
        await finish();
    }

    private async Task MissAsync(MeetingRun run, string transition, string reason, CancellationToken ct)
    {
        run.Meeting.State = MeetingState.Failed;
        run.Meeting.CancelReason = reason;
        run.Transition($"Missed: {reason}");
        LifecycleLog.Missed(logger, run.Meeting.Id, transition, reason);
        await run.SaveAsync(ct);
    }
}
