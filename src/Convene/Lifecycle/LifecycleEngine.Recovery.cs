using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Compares one meeting with its bridge and repairs it: finishes an interrupted start or end (the call of a
    /// start whose answer or save was lost is found by the space's call and adopted), ends a meeting past its end
    /// or cancelled, starts a booked meeting that is due (a trigger lost in a crash), and for a running meeting checks
    /// its call (one GET): a node that cannot be reached moves the meeting to a healthy node, a call gone is made again;
    /// a dial-out left dialling without a leg is looked up by its ownerId and dialled again only if it made none; a new
    /// title or PIN saved but not yet on the space (<see cref="Meeting.SpacePending"/>) is pushed again. Each step
    /// takes the meeting's lease (<see cref="MeetingLeases"/>) before it reads the meeting.
    /// </summary>
    /// <exception cref="ProblemException">409 <see cref="MeetingLeases.BusyType"/>: another live instance holds the meeting.</exception>
    public async Task ReconcileAsync(Guid meetingId, CancellationToken ct)
    {
        var (state, due, pending) = await ReadStateAsync(meetingId, ct);
        switch (state)
        {
            case MeetingState.Starting:
                await StartAsync(meetingId, ct);
                break;
            case MeetingState.Ending:
            case MeetingState.Running when due:
                await EndAsync(meetingId, force: false, ct);
                break;
            case MeetingState.Booked:
                await StartAsync(meetingId, ct);
                await EndAsync(meetingId, force: false, ct);
                break;
            case MeetingState.Running:
                if (pending)
                {
                    await PushPendingSpaceAsync(meetingId, ct);
                }
                await CheckCallAsync(meetingId, ct);
                await RecoverDialsAsync(meetingId, ct);
                break;
        }
    }

    /// <summary>The meeting's state, whether its end is due, and whether a space push is pending: read without the lease,
    /// only to choose the transition (which takes the lease and reads the meeting again).</summary>
    private async Task<(MeetingState State, bool Due, bool SpacePending)> ReadStateAsync(Guid meetingId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ConveneDb>();
        var now = time.GetUtcNow();
        var read = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.State, m.CancelRequested, m.EndUtc, m.SpacePending }), ct);
        return read is null ? (MeetingState.Cancelled, false, false) : (read.State, read.CancelRequested || now >= read.EndUtc, read.SpacePending);
    }

    /// <summary>One GET of the running call on its node; a node that does not answer means failover.</summary>
    private Task<bool> CheckCallAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        if (meeting.State != MeetingState.Running || meeting.Launch == LaunchType.Reservation || meeting.CallId is not { } callId)
        {
            return false;
        }
        var node = run.Node(meeting.CallNodeId);
        if (node is null || node.Reachable == false)
        {
            return await MoveAsync(run, redial: true, ct);
        }
        try
        {
            await run.SendAsync(node, "GET", MeetingRun.CallPath(callId), c => c.GetCallAsync(callId, ct), ct);
            run.Db.ChangeTracker.Clear(); // the check alone is not worth a timeline row each period
            return false;
        }
        catch (CmsApiException e) when (e.IsTransient)
        {
            // A busy or slow answer is not a dead node: moving would make a second call while the first still
            // holds its participants. Move only when the node does not answer a status request either.
            if (e.Kind is CmsErrorKind.Busy or CmsErrorKind.ServerError || await NodeAnswersAsync(run, node, ct))
            {
                run.Db.ChangeTracker.Clear();
                return false;
            }
            return await MoveAsync(run, redial: true, ct);
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            run.Transition($"The call {callId} is gone from {node.Name}; making it again.");
            return await MoveAsync(run, redial: false, ct, sameNodeFirst: true);
        }
    }, false, ct);

    /// <summary>True when the node answers <c>GET system/status</c>: it is alive, whatever the request before said.</summary>
    private async Task<bool> NodeAnswersAsync(MeetingRun run, BridgeNode node, CancellationToken ct)
    {
        try
        {
            await connections.Client(run.Bridge, node).GetSystemStatusAsync(ct);
            return true;
        }
        catch (CmsApiException e)
        {
            return e.Kind is not (CmsErrorKind.Connection or CmsErrorKind.Timeout);
        }
    }

    /// <summary>Running meetings whose node the status poller found unreachable move to a healthy node at once
    /// (no CMS request for the others).</summary>
    public async Task FailoverAsync(CancellationToken ct)
    {
        foreach (var id in await MeetingsOnLostNodesAsync(ct))
        {
            try
            {
                await WithMeetingAsync(id, run => run.Node(run.Meeting.CallNodeId) is { Reachable: false } && run.Meeting.State == MeetingState.Running
                    ? MoveAsync(run, redial: true, ct) : Task.FromResult(false), false, ct);
            }
            catch (Exception e) when (e is CmsApiException or ProblemException or InvalidOperationException)
            {
                LifecycleLog.ReconcileFailed(logger, e, id);
            }
        }
    }

    private async Task<List<Guid>> MeetingsOnLostNodesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ConveneDb>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            from m in db.Meetings
            join n in db.BridgeNodes on m.CallNodeId equals n.Id
            where m.State == MeetingState.Running && n.Reachable == false
            select m.Id, ct);
    }

    /// <summary>Makes the call again on a healthy node (the space is cluster-wide, so the dial-in stays) and, for an
    /// Automatic meeting that lost its node, dials its participants again with their ownerIds.</summary>
    private async Task<bool> MoveAsync(MeetingRun run, bool redial, CancellationToken ct, bool sameNodeFirst = false)
    {
        var meeting = run.Meeting;
        var lost = run.Node(meeting.CallNodeId);
        var placeholder = run.Placeholder ?? throw new InvalidOperationException($"Meeting {meeting.Id} holds no placeholder.");
        var nodes = sameNodeFirst && lost is not null ? run.Candidates(lost.Id).Prepend(lost) : run.Candidates(lost?.Id);
        CmsApiException? last = null;
        foreach (var node in nodes)
        {
            try
            {
                var existing = await run.SendAsync(node, "GET", $"/api/v1/calls?coSpaceFilter={placeholder.SpaceId}",
                    c => c.ListCallsAsync(placeholder.SpaceId, cancellationToken: ct).FirstOrDefaultAsync(ct).AsTask(), ct);
                var callId = existing?.Id ?? await run.SendAsync(node, "POST", "/api/v1/calls",
                    c => c.CreateCallAsync(placeholder.SpaceId, meeting.Locked ? new CallChanges { Locked = true } : null, ct), ct);
                meeting.CallId = callId;
                meeting.CallNodeId = node.Id;
                run.Transition($"Moved to {node.Name} as call {callId}{(lost is null ? "" : $" after {lost.Name} was lost")}.");
                LifecycleLog.FailedOver(logger, meeting.Id, lost?.Name ?? "?", node.Name);
                if (redial && meeting.Launch == LaunchType.Automatic)
                {
                    foreach (var p in meeting.Participants.Where(p => p.DialOut))
                    {
                        p.CallLegId = null;
                        p.Attempts = 0;
                        p.State = ParticipantState.Waiting;
                        p.Reason = null;
                    }
                }
                await run.SaveAsync(ct);
                if (redial && meeting.Launch == LaunchType.Automatic)
                {
                    await DialOutsAsync(run, node, () => run.SaveAsync(ct), () => run.SaveAsync(ct), ct);
                }
                return true;
            }
            catch (CmsApiException e) when (e.IsTransient)
            {
                last = e;
            }
        }
        throw (Exception?)last ?? new InvalidOperationException($"{run.Bridge.DisplayName} has no other node.");
    }
}
