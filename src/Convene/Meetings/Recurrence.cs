using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Convene.Meetings;

/// <summary>
/// RFC 5545 recurrence, evaluated by Ical.Net in the organiser's local (floating) time so that every occurrence
/// keeps the local time of day across daylight-saving changes; each local start is then made an instant by
/// <see cref="MeetingTime"/>'s rule. EXDATEs are local start times (RFC 5545 §3.8.5.1) and take an occurrence out.
/// </summary>
public static class Recurrence
{
    /// <summary>The rule without an <c>RRULE:</c> prefix, checked by Ical.Net; null with an error text when it is
    /// not a valid RFC 5545 §3.3.10 RRULE value.</summary>
    public static string? Normalize(string rule, out string? error)
    {
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["RRULE:".Length..];
        }
        try
        {
            var pattern = new RecurrencePattern(text);
            if (pattern.Count is <= 0)
            {
                error = "COUNT must be at least 1.";
                return null;
            }
            error = null;
            return text;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            error = $"'{rule}' is not an RFC 5545 RRULE value such as FREQ=WEEKLY;COUNT=10: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// The local start times of the series' occurrences after <paramref name="after"/> (exclusive; null for all from the
    /// first), in order, lazily (an endless rule never ends: take what you need). EXDATEs are left out.
    /// </summary>
    public static IEnumerable<DateTime> Starts(DateTime firstStartLocal, string rule, IReadOnlyCollection<DateTime> exceptionDates, DateTime? after)
    {
        var start = DateTime.SpecifyKind(firstStartLocal, DateTimeKind.Unspecified);
        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(start) };
        calendarEvent.RecurrenceRule = new RecurrencePattern(rule);
        var excluded = exceptionDates.Select(d => DateTime.SpecifyKind(d, DateTimeKind.Unspecified)).ToHashSet();
        foreach (var occurrence in calendarEvent.GetOccurrences())
        {
            var local = DateTime.SpecifyKind(occurrence.Period.StartTime.Value, DateTimeKind.Unspecified);
            if ((after is { } a && local <= a) || excluded.Contains(local))
            {
                continue;
            }
            yield return local;
        }
    }

    /// <summary>EXDATE values as stored in <see cref="MeetingSeries.ExceptionDates"/> (ISO 8601 local, comma separated).</summary>
    public static List<DateTime> ParseDates(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => DateTime.ParseExact(d, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).ToList();

    /// <summary>The stored form of EXDATE values.</summary>
    public static string? FormatDates(IEnumerable<DateTime> dates)
    {
        var text = string.Join(',', dates.Order().Select(MeetingTime.Iso));
        return text.Length == 0 ? null : text;
    }
}
