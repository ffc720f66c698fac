using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Convene.Meetings;

/// <summary>What a booking made: the first (or only) meeting, a series' occurrences, and the local-time rule's notes by meeting.</summary>
internal sealed record Booked(Meeting First, List<Meeting> Occurrences, MeetingSeries? Series, Dictionary<Guid, List<string>> Notes);

/// <summary>
/// Books a meeting or a series: checks the request (400 by field), computes the instants by <see cref="MeetingTime"/>'s
/// rule, expands a recurrence over the rolling window, takes a placeholder for every occurrence and saves all of it in
/// one transaction — or nothing (409 naming the first conflict, or the occurrence that found no placeholder; 409
/// <c>booking-busy</c> when the others saving holds kept it waiting longer than <see cref="MeetingsOptions.BookingWait"/>).
/// </summary>
internal sealed class MeetingBooking(ConveneDb db, IOptions<MeetingsOptions> options, TimeProvider time, BookingGate gate, PlaceholderAllocator allocator)
{
    public async Task<Booked> BookAsync(BookMeeting request, Caller caller, CancellationToken ct)
    {
        var o = options.Value;
        var errors = new FieldErrors();
        MeetingValidation.Title(request.Title, required: true, errors);
        if (request.Start is null)
        {
            errors.Add("start", "A start (local date-time such as 2026-12-01T10:00:00) is required.");
        }
        if (request.End is null)
        {
            errors.Add("end", "An end (local date-time such as 2026-12-01T11:00:00) is required.");
        }
        MeetingValidation.Local(request.Start, "start", errors);
        MeetingValidation.Local(request.End, "end", errors);
        foreach (var date in request.ExceptionDates ?? [])
        {
            MeetingValidation.Local(date, "exceptionDates", errors);
        }
        var zone = MeetingTime.Zone(request.TimeZone);
        if (zone is null)
        {
            errors.Add("timeZone", string.IsNullOrWhiteSpace(request.TimeZone)
                ? "A time zone (IANA id such as Europe/Oslo) is required."
                : $"'{request.TimeZone}' is not an IANA time zone id (such as Europe/Oslo).");
        }
        MeetingValidation.EarlyJoin(request.EarlyJoinMinutes, errors);
        MeetingValidation.Pin(request.Pin, o, errors);
        MeetingValidation.EndWarnings(request.EndWarnings, errors);
        MeetingValidation.Participants(request.Participants, o, errors);
        if (request.Launch is { } launch && !Enum.IsDefined(launch))
        {
            errors.Add("launch", "Launch is Automatic, Manual or Reservation.");
        }
        if (request.ExtendMode is { } extend && !Enum.IsDefined(extend))
        {
            errors.Add("extendMode", "Extend mode is None, AutomaticBestEffort or OnRequest.");
        }
        string? rule = null;
        if (!string.IsNullOrWhiteSpace(request.Recurrence))
        {
            rule = Recurrence.Normalize(request.Recurrence, out var ruleError);
            if (ruleError is not null)
            {
                errors.Add("recurrence", ruleError);
            }
        }
        else if (request.ExceptionDates is { Count: > 0 })
        {
            errors.Add("exceptionDates", "Exception dates need a recurrence.");
        }
        errors.ThrowIfAny();

        var organizer = await OrganizerAsync(request.Organizer, caller, ct);
        var now = time.GetUtcNow();
        var start = request.Start!.Value;
        var end = request.End!.Value;
        var startUtc = MeetingTime.ToUtc(start, zone!);
        var endUtc = MeetingTime.ToUtc(end, zone!);
        CheckTimes(startUtc, endUtc, now, o, errors);
        errors.ThrowIfAny();

        var template = new OccurrenceTemplate(request.Title!.Trim(), organizer.Id, organizer.UserName, zone!.Id, request.Launch ?? LaunchType.Automatic,
            string.IsNullOrEmpty(request.Pin) ? null : request.Pin, request.EarlyJoinMinutes ?? MeetingDefaults.EarlyJoinMinutes, request.ExtendMode ?? ExtendMode.None,
            MeetingValidation.FormatWarnings(request.EndWarnings ?? MeetingDefaults.EndWarnings), request.Participants ?? []);
        var windowEnd = now + o.SeriesWindow;
        var times = rule is null
            ? [Times(start, end, zone)]
            : Expand(start, end - start, rule, request.ExceptionDates ?? [], zone, windowEnd, o, out _);
        if (times.Count == 0)
        {
            throw new MeetingValidationException(new() { ["recurrence"] = ["The recurrence leaves no occurrence (every one is an exception date, or it ends before it starts)."] });
        }
        var waiting = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await gate.BeginAsync(db, o.BookingWait - time.GetElapsedTime(waiting), ct);
                var meetings = await AllocateAsync(template, times, request.BridgeId, ct);
                MeetingSeries? series = null;
                if (rule is not null)
                {
                    series = new MeetingSeries
                    {
                        Id = Guid.NewGuid(),
                        Recurrence = rule,
                        ExceptionDates = Recurrence.FormatDates(request.ExceptionDates ?? []),
                        FirstStartLocal = start,
                        FirstEndLocal = end,
                        TimeZone = zone.Id,
                        ExpandedUntilUtc = windowEnd,
                        IsOpenEnded = HasMoreAfter(start, rule, request.ExceptionDates ?? [], times[^1].StartLocal),
                        Version = 1,
                    };
                    db.MeetingSeries.Add(series);
                    foreach (var m in meetings)
                    {
                        m.SeriesId = series.Id;
                        m.RecurrenceIdLocal = m.StartLocal;
                    }
                }
                db.Meetings.AddRange(meetings);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                var notes = meetings.Select((m, i) => (m.Id, times[i].Notes)).Where(n => n.Notes.Count > 0).ToDictionary(n => n.Id, n => n.Notes);
                return new Booked(meetings[0], meetings, series, notes);
            }
            catch (Exception e) when (HoldConflicts.IsLockTimeout(e) || HoldConflicts.IsRetryable(e) && attempt == HoldConflicts.Attempts)
            {
                throw BookingGate.Busy(o.BookingWait);
            }
            catch (Exception e) when (HoldConflicts.IsRetryable(e))
            {
                // A writer outside the gate (the lifecycle engine lengthening a hold) took the placeholder between our
                // read and our write, or PostgreSQL broke a deadlock with it here: read again, within the same wait
                // (the transaction was rolled back when disposed).
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>End after start, not longer than the maximum, start not in the past.</summary>
    internal static void CheckTimes(DateTimeOffset startUtc, DateTimeOffset endUtc, DateTimeOffset now, MeetingsOptions o, FieldErrors errors, bool checkStart = true)
    {
        if (endUtc < startUtc)
        {
            errors.Add("end", "The end is before the start.");
        }
        else if (endUtc == startUtc)
        {
            errors.Add("end", "The meeting has zero length: the end equals the start.");
        }
        else if (endUtc - startUtc > o.MaxDuration)
        {
            errors.Add("end", $"The meeting is longer than the maximum of {o.MaxDuration.TotalHours:0.#} hours.");
        }
        if (checkStart && startUtc < now)
        {
            errors.Add("start", $"The start {startUtc:u} is in the past (now {now:u}).");
        }
    }

    /// <summary>The instants of a local start and end, with the rule's notes.</summary>
    internal static OccurrenceTimes Times(DateTime start, DateTime end, DateTimeZone zone)
    {
        var startUtc = MeetingTime.ToUtc(start, zone, out var startNote);
        var endUtc = MeetingTime.ToUtc(end, zone, out var endNote);
        var notes = new List<string>();
        if (startNote is not null)
        {
            notes.Add("start: " + startNote);
        }
        if (endNote is not null)
        {
            notes.Add("end: " + endNote);
        }
        return new OccurrenceTimes(start, end, startUtc, endUtc, notes);
    }

    /// <summary>The occurrences of a rule whose start is before <paramref name="windowEnd"/>, after <paramref name="after"/>.</summary>
    internal static List<OccurrenceTimes> Expand(DateTime firstStart, TimeSpan localLength, string rule, IReadOnlyCollection<DateTime> exceptionDates,
        DateTimeZone zone, DateTimeOffset windowEnd, MeetingsOptions o, out bool truncated, DateTime? after = null, bool refuseTooMany = true)
    {
        var result = new List<OccurrenceTimes>();
        truncated = false;
        foreach (var local in Recurrence.Starts(firstStart, rule, exceptionDates, after))
        {
            var times = Times(local, local + localLength, zone);
            if (times.StartUtc >= windowEnd)
            {
                break;
            }
            if (result.Count == o.MaxOccurrencesPerExpansion)
            {
                truncated = true;
                if (!refuseTooMany)
                {
                    break;
                }
                throw new MeetingValidationException(new()
                {
                    ["recurrence"] = [$"The recurrence makes more than {o.MaxOccurrencesPerExpansion} occurrences within {o.SeriesWindow.TotalDays:0} days."],
                });
            }
            result.Add(times);
        }
        return result;
    }

    internal static bool HasMoreAfter(DateTime firstStart, string rule, IReadOnlyCollection<DateTime> exceptionDates, DateTime last) =>
        Recurrence.Starts(firstStart, rule, exceptionDates, last).Any();

    /// <summary>Takes a placeholder for every occurrence; 409 naming the occurrence and the first conflict when one finds none.</summary>
    internal async Task<List<Meeting>> AllocateAsync(OccurrenceTemplate template, List<OccurrenceTimes> times, Guid? bridgeId, CancellationToken ct)
    {
        var gap = options.Value.GapAfterEnd;
        var meetings = times.Select(t => template.New(t.StartLocal, t.EndLocal, t.StartUtc, t.EndUtc, gap)).ToList();
        var candidates = await allocator.CandidatesAsync(bridgeId, meetings[0].HoldFromUtc, meetings[0].HoldUntilUtc, ct);
        var pending = new List<PendingHold>();
        foreach (var meeting in meetings)
        {
            if (!await TryAllocateAsync(meeting, candidates, pending, null, ct))
            {
                var conflict = await allocator.FirstConflictAsync(candidates.Select(b => b.Id).ToList(), meeting.HoldFromUtc, meeting.HoldUntilUtc, null, ct);
                var which = times.Count > 1 ? $"The occurrence starting {MeetingTime.Iso(meeting.StartLocal)} ({meeting.TimeZone})" : "The meeting";
                throw new ProblemException(409, "No placeholder is free for the whole meeting.",
                    $"{which} needs a placeholder from {meeting.HoldFromUtc:u} to {meeting.HoldUntilUtc:u} (early join and the gap after the end included). {conflict}",
                    "no-placeholder-free");
            }
        }
        return meetings;
    }

    /// <summary>Gives the meeting the lowest free placeholder of the first candidate bridge that has one.</summary>
    internal async Task<bool> TryAllocateAsync(Meeting meeting, List<Bridges.Bridge> candidates, List<PendingHold> pending, Guid? ignoring, CancellationToken ct)
    {
        foreach (var bridge in candidates)
        {
            var placeholder = await allocator.LowestFreeAsync(bridge.Id, meeting.HoldFromUtc, meeting.HoldUntilUtc, pending, ignoring, ct);
            if (placeholder is not null)
            {
                meeting.BridgeId = bridge.Id;
                meeting.PlaceholderId = placeholder.Id;
                meeting.NumericId = placeholder.NumericId;
                pending.Add(new PendingHold(placeholder.Id, meeting.HoldFromUtc, meeting.HoldUntilUtc));
                return true;
            }
        }
        return false;
    }

    private async Task<(Guid Id, string UserName)> OrganizerAsync(string? name, Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), caller.UserName, StringComparison.Ordinal))
        {
            return (caller.UserId, caller.UserName);
        }
        if (!caller.MayActForOthers)
        {
            throw new ProblemException(403, "Only an Operator may book for someone else.", $"You are signed in as {caller.UserName} ({caller.Role}).", "organizer-forbidden");
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name.Trim(), ct)
            ?? throw new MeetingValidationException(new() { ["organizer"] = [$"There is no user '{name}'."] });
        return (user.Id, user.UserName);
    }
}

/// <summary>An occurrence's local and UTC start and end, and what the local-time rule chose, if anything.</summary>
internal sealed record OccurrenceTimes(DateTime StartLocal, DateTime EndLocal, DateTimeOffset StartUtc, DateTimeOffset EndUtc, List<string> Notes);
