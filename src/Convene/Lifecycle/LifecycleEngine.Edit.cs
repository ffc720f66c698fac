using Convene.Cms;
using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Applies a saved change of a running meeting's title or PIN to its space at once: one <c>PUT coSpaces/{id}</c>
    /// with only what changed (<c>name</c>, <c>passcode</c>; an empty PIN clears the passcode), on the call's node
    /// first, then any other (spaces are cluster-wide). Does nothing when neither changed, or when the meeting is no
    /// longer running (its end reverts the space anyway). The change was saved with <see cref="Meeting.SpacePending"/>
    /// set; the save after the PUT clears it, so a crash in between leaves it set and reconciliation pushes the space
    /// (<see cref="PushPendingSpaceAsync"/>). When the bridge refuses or no node answers, the whole change
    /// is undone (<see cref="RunningEdit.Restore"/>, saved, with a timeline row) and a 502 <see cref="ProblemException"/>
    /// names what was refused and why.
    /// </summary>
    internal Task<bool> ApplyToSpaceAsync(RunningEdit before, CancellationToken ct) => WithMeetingAsync(before.MeetingId, async run =>
    {
        var meeting = run.Meeting;
        var what = before.SpaceChanges(meeting);
        if (meeting.State != MeetingState.Running || run.Placeholder is not { } placeholder || what.Count == 0)
        {
            return false;
        }
        var changes = new SpaceChanges
        {
            Name = what.Contains("title") ? meeting.Title : default(CmsParam<string>),
            Passcode = !what.Contains("PIN") ? default(CmsParam<string>) : meeting.Pin is { Length: > 0 } pin ? pin : CmsParam.Clear,
        };
        var named = string.Join(" and ", what);
        try
        {
            await OnAnyNodeAsync(run, meeting.CallNodeId, node =>
                run.SendAsync(node, "PUT", MeetingRun.SpacePath(placeholder.SpaceId), c => c.UpdateSpaceAsync(placeholder.SpaceId, changes, ct), ct));
        }
        catch (Exception e) when (e is CmsApiException or InvalidOperationException)
        {
            before.Restore(meeting, run.Db);
            run.Transition($"The new {named} did not reach the space ({e.Message}): the whole change was undone.");
            await run.SaveAsync(ct);
            metrics.Requests("edit", run.Requests);
            throw new ProblemException(502, $"The bridge did not take the new {named}, so nothing of the change was kept.", e.Message, "space-update-failed");
        }
        meeting.SpacePending = false;
        run.Transition($"The new {named} applied to the running meeting's space.");
        await run.SaveAsync(ct);
        metrics.Requests("edit", run.Requests);
        return true;
    }, false, ct);

    /// <summary>Reconciliation's push of a running meeting's title and PIN saved but never sent to its space (a crash
    /// between the edit's save and its PUT): one <c>PUT coSpaces/{id}</c> with both (<c>name</c>, <c>passcode</c>; an
    /// empty PIN clears it), then <see cref="Meeting.SpacePending"/> cleared. A failure leaves it set for the next run.</summary>
    internal Task<bool> PushPendingSpaceAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        if (meeting is not { State: MeetingState.Running, SpacePending: true } || run.Placeholder is not { } placeholder)
        {
            return false;
        }
        LifecycleLog.SpacePushResumed(logger, meeting.Id);
        var changes = new SpaceChanges { Name = meeting.Title, Passcode = meeting.Pin is { Length: > 0 } pin ? pin : CmsParam.Clear };
        await OnAnyNodeAsync(run, meeting.CallNodeId, node =>
            run.SendAsync(node, "PUT", MeetingRun.SpacePath(placeholder.SpaceId), c => c.UpdateSpaceAsync(placeholder.SpaceId, changes, ct), ct));
        meeting.SpacePending = false;
        run.Transition("The title and PIN saved before an interruption applied to the running meeting's space.");
        await run.SaveAsync(ct);
        metrics.Requests("edit", run.Requests);
        return true;
    }, false, ct);
}
