using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// AutomaticBestEffort's decision, at <see cref="TransitionPlan.ExtendCheckAt"/> (before the last warning and the end):
    /// +<see cref="LifecycleOptions.AutoExtendMinutes"/> when someone is on the call (one <c>GET calls/{id}</c>) and the
    /// placeholder is free over the longer hold, at most <see cref="LifecycleOptions.MaxAutoExtensions"/> times. The new end
    /// gets its own warnings and check; a meeting not extended ends at its end. Nothing happens outside the window between
    /// the check time and the end, for a meeting that is not running or is cancelled, or once the check has decided not to
    /// extend this end. A check missed while Convene was down is made at once when it is back before the end (the
    /// trigger fires late, and reconciliation makes it: <see cref="MakeUpExtendChecksAsync"/>).
    /// </summary>
    public Task<bool> ExtendCheckAsync(Guid meetingId, CancellationToken ct) => WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        var now = time.GetUtcNow();
        if (meeting.State != MeetingState.Running || meeting.CancelRequested || meeting.ExtendMode != ExtendMode.AutomaticBestEffort
            || now < TransitionPlan.ExtendCheckAt(meeting.EndUtc, meeting.EndWarnings) || now >= meeting.EndUtc
            || await DecidedNotToExtendAsync(run, ct))
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

    /// <summary>The start of the timeline row of a check that decided not to extend (<see cref="AutoExtendAsync"/>).</summary>
    private const string NotExtended = "Not extended automatically";

    /// <summary>Whether a check already decided not to extend the meeting's current end (its reason is on the timeline
    /// since the check time): the trigger and reconciliation may both come to a missed check.</summary>
    private static Task<bool> DecidedNotToExtendAsync(MeetingRun run, CancellationToken ct)
    {
        var checkAt = TransitionPlan.ExtendCheckAt(run.Meeting.EndUtc, run.Meeting.EndWarnings);
        var id = run.Meeting.Id;
        return run.Db.MeetingEvents.AnyAsync(e => e.MeetingId == id && e.Kind == MeetingEventKind.Transition && e.TimeUtc >= checkAt
            && e.Text.StartsWith(NotExtended), ct);
    }

    /// <summary>
    /// Reconciliation: makes at once each AutomaticBestEffort check that is due and was not made — missed while Convene was
    /// down, or its trigger lost — for every running meeting whose check time (<see cref="TransitionPlan.ExtendCheckAt"/>)
    /// has passed and whose end has not (<see cref="ExtendCheckAsync"/>). A check already decided for the current end (an
    /// extended meeting has a later check time; one not extended has its reason on the timeline) is not made twice, so a
    /// trigger firing late after this changes nothing.
    /// Returns how many meetings were extended.
    /// </summary>
    public async Task<int> MakeUpExtendChecksAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.ConveneDb>();
            var running = await db.Meetings.AsNoTracking()
                .Where(m => m.State == MeetingState.Running && m.ExtendMode == ExtendMode.AutomaticBestEffort && !m.CancelRequested && m.EndUtc > now)
                .Select(m => new { m.Id, m.EndUtc, m.EndWarnings }).ToListAsync(ct);
            due = running.Where(m => TransitionPlan.ExtendCheckAt(m.EndUtc, m.EndWarnings) <= now).Select(m => m.Id).ToList();
        }
        var extended = 0;
        foreach (var id in due)
        {
            extended += await ExtendCheckAsync(id, ct) ? 1 : 0;
        }
        return extended;
    }
}
