using Convene.Cms;
using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Applies a saved change of a running meeting's title or PIN to its space at once: one <c>PUT coSpaces/{id}</c>
    /// with only what changed (<c>name</c>, <c>passcode</c>; an empty PIN clears the passcode), on the call's node
    /// first, then any other (spaces are cluster-wide). Does nothing when neither changed, or when the meeting is no
    /// longer running (its end reverts the space anyway). When the bridge refuses or no node answers, the whole change
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
        run.Transition($"The new {named} applied to the running meeting's space.");
        await run.SaveAsync(ct);
        metrics.Requests("edit", run.Requests);
        return true;
    }, false, ct);
}
