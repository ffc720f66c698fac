using Convene.Cms;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>
    /// Moves the meeting's end (and its hold) later by <paramref name="minutes"/>. Refused with 409 naming the
    /// conflicting booking when another meeting holds the placeholder over the longer interval, and when the meeting
    /// is over. Sends no CMS request: neither a space nor a call has an end time on the bridge.
    /// </summary>
    public Task<Meeting> ExtendAsync(Guid meetingId, int minutes, CancellationToken ct)
    {
        if (minutes is < 1 or > 24 * 60)
        {
            throw new ProblemException(400, "minutes must be between 1 and 1440.", $"minutes was {minutes}.", "invalid-minutes");
        }
        return NotFoundIfNull(WithMeetingAsync(meetingId, async run =>
        {
            var meeting = run.Meeting;
            if (meeting.State is not (MeetingState.Booked or MeetingState.Starting or MeetingState.Running))
            {
                throw new ProblemException(409, $"The meeting is {meeting.State}; only a booked or running meeting can be extended.", type: "meeting-not-extendable");
            }
            await CheckFreeAsync(run, minutes, ct);
            Extend(run, minutes, $"Extended by {minutes} min on request");
            await SaveConflictAsync(run, ct);
            return meeting;
        }, null!, ct), meetingId);
    }

    private static async Task<Meeting> NotFoundIfNull(Task<Meeting> task, Guid id) =>
        await task ?? throw new ProblemException(404, $"No meeting {id}.", type: "meeting-not-found");

    private void Extend(MeetingRun run, int minutes, string why)
    {
        var meeting = run.Meeting;
        meeting.EndUtc = meeting.EndUtc.AddMinutes(minutes);
        meeting.EndLocal = meeting.EndLocal.AddMinutes(minutes);
        meeting.HoldUntilUtc = meeting.HoldUntilUtc.AddMinutes(minutes);
        meeting.Extensions++;
        run.Transition($"{why}: the meeting now ends at {meeting.EndUtc:u}.");
        LifecycleLog.Extended(logger, meeting.Id, minutes, meeting.EndUtc);
    }

    /// <summary>409 when another active meeting holds the same placeholder over the extended hold.</summary>
    private static async Task CheckFreeAsync(MeetingRun run, int minutes, CancellationToken ct)
    {
        var meeting = run.Meeting;
        if (meeting.PlaceholderId is not { } placeholderId)
        {
            return;
        }
        var from = meeting.HoldUntilUtc;
        var until = meeting.HoldUntilUtc.AddMinutes(minutes);
        var conflict = await run.Db.Meetings.AsNoTracking()
            .Where(m => m.PlaceholderId == placeholderId && m.Id != meeting.Id && Meeting.ActiveStates.Contains(m.State)
                && m.HoldFromUtc < until && m.HoldUntilUtc > from)
            .OrderBy(m => m.HoldFromUtc).Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc }).FirstOrDefaultAsync(ct);
        if (conflict is not null)
        {
            throw new ProblemException(409, $"The placeholder is booked by '{conflict.Title}' ({conflict.Id}) from {conflict.StartUtc:u} to {conflict.EndUtc:u}.",
                $"Extending by {minutes} min would overlap meeting {conflict.Id}.", "placeholder-booked");
        }
    }

    private static async Task SaveConflictAsync(MeetingRun run, CancellationToken ct)
    {
        try
        {
            await run.SaveAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // PostgreSQL's exclusion constraint on holds refuses an overlap that a concurrent booking made.
            throw new ProblemException(409, "The placeholder was booked for the longer interval meanwhile.", e.InnerException?.Message, "placeholder-booked");
        }
    }

    /// <summary>AutomaticBestEffort at the end: +<see cref="LifecycleOptions.AutoExtendMinutes"/> while someone is
    /// connected (one GET of the call) and the placeholder is free, at most <see cref="LifecycleOptions.MaxAutoExtensions"/> times.</summary>
    private async Task<bool> AutoExtendAsync(MeetingRun run, CancellationToken ct)
    {
        var meeting = run.Meeting;
        if (meeting.ExtendMode != ExtendMode.AutomaticBestEffort || meeting.Extensions >= Options.MaxAutoExtensions
            || meeting.CallId is not { } callId || run.Node(meeting.CallNodeId) is not { } node)
        {
            return false;
        }
        try
        {
            await CheckFreeAsync(run, Options.AutoExtendMinutes, ct);
        }
        catch (ProblemException e)
        {
            run.Transition($"Not extended automatically: {e.Title}");
            return false;
        }
        CmsCall call;
        try
        {
            call = await run.SendAsync(node, "GET", MeetingRun.CallPath(callId), c => c.GetCallAsync(callId, ct), ct);
        }
        catch (CmsApiException)
        {
            return false;
        }
        if ((call.NumParticipantsLocal ?? 0) + (call.NumParticipantsRemote ?? 0) == 0)
        {
            run.Transition("Not extended automatically: nobody is connected.");
            return false;
        }
        Extend(run, Options.AutoExtendMinutes, $"Extended automatically by {Options.AutoExtendMinutes} min ({call.NumParticipantsLocal} connected)");
        await run.SaveAsync(ct);
        return true;
    }

    /// <summary>Locks or unlocks the meeting: stored, and sent to the call when it runs (<c>PUT calls/{id} locked</c>).</summary>
    public Task<Meeting> SetLockedAsync(Guid meetingId, bool locked, CancellationToken ct) => NotFoundIfNull(WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        RequireOpen(meeting);
        if (meeting.State == MeetingState.Running && meeting.CallId is { } callId && run.Node(meeting.CallNodeId) is { } node && meeting.Locked != locked)
        {
            await run.SendAsync(node, "PUT", MeetingRun.CallPath(callId), c => c.LockCallAsync(callId, locked, ct), ct);
        }
        meeting.Locked = locked;
        run.Transition(locked ? "Locked: new callers wait in the lobby." : "Unlocked.");
        await run.SaveAsync(ct);
        return meeting;
    }, null!, ct), meetingId);

    /// <summary>Shows (or with an empty text, clears) the call's message banner; the meeting must be running.</summary>
    public Task<Meeting> SetMessageAsync(Guid meetingId, string? text, TimeSpan? duration, CancellationToken ct) => NotFoundIfNull(WithMeetingAsync(meetingId, async run =>
    {
        var meeting = run.Meeting;
        if (meeting.State != MeetingState.Running || meeting.CallId is not { } callId || run.Node(meeting.CallNodeId) is not { } node)
        {
            throw new ProblemException(409, $"The meeting is {meeting.State} with no call; a banner needs a running call.", type: "meeting-not-running");
        }
        await run.SendAsync(node, "PUT", MeetingRun.CallPath(callId), c => string.IsNullOrWhiteSpace(text)
            ? c.ClearMessageBannerAsync(callId, ct)
            : c.SetMessageBannerAsync(callId, text, MessagePosition.Top, duration is { } d ? MessageDuration.FromTimeSpan(d) : MessageDuration.Permanent, ct), ct);
        run.Transition(string.IsNullOrWhiteSpace(text) ? "Banner cleared." : $"Banner shown: {text}");
        await run.SaveAsync(ct);
        return meeting;
    }, null!, ct), meetingId);

    private static void RequireOpen(Meeting meeting)
    {
        if (!meeting.IsActive)
        {
            throw new ProblemException(409, $"The meeting is {meeting.State}.", type: "meeting-over");
        }
    }
}
