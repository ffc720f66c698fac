using System.Globalization;
using Convene.Meetings;

namespace Convene.Ui.Components.Meetings;

/// <summary>
/// Turns the booking form into the <see cref="BookMeeting"/> that <c>POST /api/meetings</c> takes: the local start and
/// end from date, start time and duration (or end time), and the recurrence builder's choices as an RFC 5545 §3.3.10
/// RRULE value (<c>FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;COUNT=10</c>) with EXDATEs at the start time of each exception
/// date (§3.8.5.1). What cannot be parsed is reported by the API's field names (<c>start</c>, <c>end</c>,
/// <c>recurrence</c>, <c>exceptionDates</c>, <c>earlyJoinMinutes</c>, <c>bridgeId</c>) so that the page shows it
/// where the booking code's own errors go.
/// </summary>
public static class BookingRequest
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The request, or null with <paramref name="errors"/> filled (field name → messages).</summary>
    public static BookMeeting? From(BookingForm form, Dictionary<string, string[]> errors)
    {
        var date = ParseDate(form.Date, "start", "The date", errors);
        var startTime = ParseTime(form.StartTime, "start", "The start time", errors);
        DateTime? start = date is { } d && startTime is { } t ? d.ToDateTime(t) : null;
        DateTime? end = null;
        if (!string.IsNullOrWhiteSpace(form.EndTime))
        {
            if (ParseTime(form.EndTime, "end", "The end time", errors) is { } endTime && date is { } day)
            {
                end = day.ToDateTime(endTime);
            }
        }
        else if (!int.TryParse(form.DurationMinutes, NumberStyles.None, Invariant, out var minutes) || minutes < 1)
        {
            Add(errors, "end", "Give a duration in whole minutes (1 or more) or an end time.");
        }
        else if (start is { } s)
        {
            end = s.AddMinutes(minutes);
        }
        var rule = Rule(form, errors);
        var exceptions = rule is null || startTime is null ? [] : ExceptionDates(form.ExceptionDates, startTime.Value, errors);
        if (rule is null && !string.IsNullOrWhiteSpace(form.ExceptionDates))
        {
            // As the API says: dates left out are dates of a series; silently dropping them would book something else.
            Add(errors, "exceptionDates", "Dates to leave out need a meeting that repeats: choose how it repeats, or clear them.");
        }
        int? earlyJoin = null;
        if (!string.IsNullOrWhiteSpace(form.EarlyJoinMinutes))
        {
            earlyJoin = int.TryParse(form.EarlyJoinMinutes, NumberStyles.AllowLeadingSign, Invariant, out var early) ? early : Add<int?>(errors, "earlyJoinMinutes", "Early join is a whole number of minutes.");
        }
        Guid? bridgeId = null;
        if (!string.IsNullOrWhiteSpace(form.BridgeId))
        {
            bridgeId = Guid.TryParse(form.BridgeId, out var id) ? id : Add<Guid?>(errors, "bridgeId", "Choose a bridge from the list.");
        }
        var launch = Enum.TryParse<LaunchType>(form.Launch, out var l) && Enum.IsDefined(l) ? l : Add<LaunchType>(errors, "launch", "Choose a launch type.");
        var extend = Enum.TryParse<ExtendMode>(form.ExtendMode, out var x) && Enum.IsDefined(x) ? x : Add<ExtendMode>(errors, "extendMode", "Choose an extend mode.");
        if (errors.Count > 0)
        {
            return null;
        }
        var participants = form.Participants.Where(p => !p.Remove && !p.IsBlank).Select(p => p.Kind == "dialIn"
            ? new ParticipantInput(null, Trim(p.Name), Trim(p.Email), DialOut: false, p.Id)
            : new ParticipantInput(Trim(p.Address), Trim(p.Name), Trim(p.Email), DialOut: true, p.Id)).ToList();
        return new BookMeeting(form.Title, start, end, form.TimeZone, launch, earlyJoin, string.IsNullOrWhiteSpace(form.Pin) ? null : form.Pin.Trim(), extend,
            rule, rule is null ? null : exceptions, bridgeId, string.IsNullOrWhiteSpace(form.Organizer) ? null : form.Organizer.Trim(), null, participants);
    }

    /// <summary>
    /// The <c>PATCH /api/meetings/{id}</c> body the edit form describes: every field replaced (an empty PIN removes it);
    /// for the rest of a series (<paramref name="series"/>) the times are left out, as the API moves no times there.
    /// </summary>
    public static ChangeMeeting? Change(BookingForm form, bool series, Dictionary<string, string[]> errors)
    {
        form.Repeat = "none";
        var request = From(form, errors);
        return request is null
            ? null
            : new ChangeMeeting(request.Title, series ? null : request.Start, series ? null : request.End, series ? null : request.TimeZone, request.Launch,
                series ? null : request.EarlyJoinMinutes, request.Pin ?? "", request.ExtendMode, null, request.Participants);
    }

    /// <summary>The RRULE value the builder describes, or null for a single meeting.</summary>
    public static string? Rule(BookingForm form, Dictionary<string, string[]> errors)
    {
        var freq = form.Repeat switch
        {
            "daily" => "DAILY",
            "weekly" => "WEEKLY",
            "monthly" => "MONTHLY",
            "none" or "" or null => null,
            _ => Add<string>(errors, "recurrence", $"'{ProblemException.Quote(form.Repeat, 40)}' is not a choice: none, daily, weekly or monthly."),
        };
        if (freq is null)
        {
            return null;
        }
        var parts = new List<string> { "FREQ=" + freq };
        if (!int.TryParse(form.Interval, NumberStyles.None, Invariant, out var interval) || interval is < 1 or > 366)
        {
            Add(errors, "recurrence", "Repeat every 1 to 366 days, weeks or months.");
        }
        else if (interval > 1)
        {
            parts.Add("INTERVAL=" + interval.ToString(Invariant));
        }
        if (freq == "WEEKLY")
        {
            var days = form.Weekdays().Where(d => d.Checked).Select(d => d.Code).ToList();
            if (days.Count > 0)
            {
                parts.Add("BYDAY=" + string.Join(',', days));
            }
        }
        switch (form.Ends)
        {
            case "count":
                if (!int.TryParse(form.Count, NumberStyles.None, Invariant, out var count) || count < 1)
                {
                    Add(errors, "recurrence", "Give how many meetings the series has (1 or more).");
                }
                parts.Add("COUNT=" + count.ToString(Invariant));
                break;
            case "until":
                if (ParseDate(form.Until, "recurrence", "The series' last date", errors) is { } until)
                {
                    // Floating local time like DTSTART (RFC 5545 §3.3.10: UNTIL matches DTSTART's form), the whole last day included.
                    parts.Add("UNTIL=" + until.ToString("yyyyMMdd", Invariant) + "T235959");
                }
                break;
            case "never":
                break;
            default:
                Add(errors, "recurrence", "Choose how the series ends: never, after a count, or on a date.");
                break;
        }
        return string.Join(';', parts);
    }

    private static List<DateTime> ExceptionDates(string? text, TimeOnly startTime, Dictionary<string, string[]> errors)
    {
        var dates = new List<DateTime>();
        foreach (var item in (text ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateOnly.TryParseExact(item, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date))
            {
                dates.Add(date.ToDateTime(startTime));
            }
            else
            {
                Add(errors, "exceptionDates", $"'{item}' is not a date such as 2026-12-24.");
            }
        }
        return dates;
    }

    private static DateOnly? ParseDate(string? text, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Add<DateOnly?>(errors, field, $"{what} is required.");
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date)
            ? date
            : Add<DateOnly?>(errors, field, $"{what} '{text}' is not a date such as 2026-12-01.");
    }

    private static TimeOnly? ParseTime(string? text, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Add<TimeOnly?>(errors, field, $"{what} is required.");
        }
        return TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "HH:mm:ss"], Invariant, DateTimeStyles.None, out var time)
            ? time
            : Add<TimeOnly?>(errors, field, $"{what} '{text}' is not a time such as 14:30.");
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

    private static T Add<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        Add(errors, field, message);
        return default!;
    }
}
