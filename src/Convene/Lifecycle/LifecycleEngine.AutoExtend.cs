using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// AutomaticBestEffort's decision, at <see cref="TransitionPlan.ExtendCheckAt"/> (before the last warning and the end):
    /// +<see cref="LifecycleOptions.AutoExtendMinutes"/> when someone is on the call (one <c>GET calls/{id}</c>) and the
    /// placeholder is free over the longer hold, at most <see cref="LifecycleOptions.MaxAutoExtensions"/> times. The new end
    /// gets its own warnings and check; a meeting not extended ends at its end. Nothing happens outside the window between
    /// the check time and the end, for a meeting that is not running or is cancelled.
    /// </summary>
    public Task<bool> ExtendCheckAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        var now = time.GetUtcNow();
        if (meeting.State != MeetingState.Running || meeting.CancelRequested || meeting.ExtendMode != ExtendMode.AutomaticBestEffort
            || now < TransitionPlan.ExtendCheckAt(meeting.EndUtc, meeting.EndWarnings) || now >= meeting.EndUtc)
        {
            return false;
        }
        if (await AutoExtendAsync(run, ct))
        {
            metrics.Requests("extend", run.Requests);
            return true;
        }
        if (run.Db.ChangeTracker.Entries<MeetingEvent>().Any())
        {
            await run.SaveAsync(ct); // the reason it was not extended (and the GET), on the timeline
        }
        metrics.Requests("extend", run.Requests);
        return false;
    }, false, ct);
}
