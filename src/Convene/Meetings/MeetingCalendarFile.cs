using System.Globalization;
using System.Text;
using Convene.Bridges;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Convene.Meetings;

/// <summary>
/// A meeting as an iCalendar file (RFC 5545, <c>text/calendar</c>), built with Ical.Net: one VEVENT for a single
/// meeting; for an occurrence of a series the whole series — DTSTART/DTEND of its first occurrence in the series' zone
/// (TZID with its VTIMEZONE), the stored RRULE, EXDATEs for the exception dates and the cancelled occurrences, and an
/// override VEVENT (RECURRENCE-ID, §3.8.4.4) for each occurrence whose times or dial-in details differ from the
/// first's. LOCATION is the video address; DESCRIPTION the dial-in details (URI, call ID, PIN, web link);
/// ORGANIZER the organizer's user name (CN). UID is the meeting's id, or the series' id.
/// </summary>
public static class MeetingCalendarFile
{
    /// <summary>The calendar text. <paramref name="occurrences"/> are the series' meetings (any order), ignored for a single meeting.</summary>
    public static string Build(Meeting meeting, MeetingSeries? series, IReadOnlyList<Meeting> occurrences, Bridge? bridge, DateTimeOffset now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Convene//Meetings//EN" };
        calendar.AddTimeZone(new VTimeZone(series?.TimeZone ?? meeting.TimeZone));
        if (series is null)
        {
            calendar.Events.Add(Event(meeting, meeting.Id.ToString(), meeting.StartLocal, meeting.EndLocal, bridge, now));
            return new CalendarSerializer().SerializeToString(calendar)!;
        }
        var byStart = occurrences.OrderBy(m => m.RecurrenceIdLocal ?? m.StartLocal).ToList();
        var active = byStart.Where(m => m.IsActive).ToList();
        var model = active.FirstOrDefault(m => !m.IsException) ?? meeting;
        var uid = series.Id.ToString();
        var master = Event(model, uid, series.FirstStartLocal, series.FirstEndLocal, bridge, now);
        master.RecurrenceRule = new RecurrencePattern(Rule(series, byStart, active));
        foreach (var date in Recurrence.ParseDates(series.ExceptionDates))
        {
            master.ExceptionDates.Add(new CalDateTime(date, series.TimeZone));
        }
        foreach (var cancelled in byStart.Where(m => !m.IsActive && m.RecurrenceIdLocal is not null))
        {
            master.ExceptionDates.Add(new CalDateTime(cancelled.RecurrenceIdLocal!.Value, series.TimeZone));
        }
        calendar.Events.Add(master);
        var length = series.FirstEndLocal - series.FirstStartLocal;
        foreach (var m in active.Where(m => m.RecurrenceIdLocal is { } id && (m.IsException || m.StartLocal != id || m.EndLocal - m.StartLocal != length
            || m.NumericId != model.NumericId || m.Pin != model.Pin || m.Title != model.Title)))
        {
            var single = Event(m, uid, m.StartLocal, m.EndLocal, bridge, now);
            single.RecurrenceIdentifier = new RecurrenceIdentifier(new CalDateTime(m.RecurrenceIdLocal!.Value, series.TimeZone));
            calendar.Events.Add(single);
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The series' rule; a series closed by cancelling its tail ends (UNTIL) at its last occurrence left.</summary>
    private static string Rule(MeetingSeries series, List<Meeting> byStart, List<Meeting> active)
    {
        if (series.IsOpenEnded || byStart.Count == 0 || byStart[^1].IsActive || active.LastOrDefault()?.RecurrenceIdLocal is not { } last)
        {
            return series.Recurrence;
        }
        var parts = series.Recurrence.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("COUNT=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("UNTIL=", StringComparison.OrdinalIgnoreCase));
        return string.Join(';', parts.Append("UNTIL=" + last.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)));
    }

    private static CalendarEvent Event(Meeting m, string uid, DateTime startLocal, DateTime endLocal, Bridge? bridge, DateTimeOffset now)
    {
        var (uri, callId, webLink) = MeetingMapping.DialIn(m, bridge);
        var description = new StringBuilder();
        description.AppendLine(CultureInfo.InvariantCulture, $"Video address: {uri ?? "(none)"}");
        description.AppendLine(CultureInfo.InvariantCulture, $"Call ID: {callId ?? "(none)"}");
        description.AppendLine(CultureInfo.InvariantCulture, $"PIN: {m.Pin ?? "none"}");
        if (webLink is not null)
        {
            description.AppendLine(CultureInfo.InvariantCulture, $"Join from a browser: {webLink}");
        }
        var e = new CalendarEvent
        {
            Uid = uid,
            Summary = m.Title,
            DtStart = new CalDateTime(DateTime.SpecifyKind(startLocal, DateTimeKind.Unspecified), m.TimeZone),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(endLocal, DateTimeKind.Unspecified), m.TimeZone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            Location = uri ?? webLink,
            Description = description.ToString().TrimEnd(),
            Sequence = (int)Math.Min(m.Version - 1, int.MaxValue),
        };
        if (!string.IsNullOrWhiteSpace(m.OrganizerName))
        {
            e.Organizer = new Organizer("mailto:" + Uri.EscapeDataString(m.OrganizerName)) { CommonName = m.OrganizerName };
        }
        return e;
    }
}
