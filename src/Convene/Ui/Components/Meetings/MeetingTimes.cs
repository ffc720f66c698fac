using System.Globalization;
using Convene.Meetings;

namespace Convene.Ui.Components.Meetings;

/// <summary>How pages write a meeting's times: <c>Tue 2026-12-01 10:00–11:00</c> in a zone.</summary>
public static class MeetingTimes
{
    /// <summary>The local span in the meeting's own zone (the stored local values).</summary>
    public static string Span(DateTime startLocal, DateTime endLocal) =>
        startLocal.Date == endLocal.Date
            ? string.Create(CultureInfo.InvariantCulture, $"{startLocal:ddd yyyy-MM-dd HH:mm}–{endLocal:HH:mm}")
            : string.Create(CultureInfo.InvariantCulture, $"{startLocal:ddd yyyy-MM-dd HH:mm} – {endLocal:ddd yyyy-MM-dd HH:mm}");

    /// <summary>The span of two instants in a zone (IANA id).</summary>
    public static string Span(DateTimeOffset startUtc, DateTimeOffset endUtc, string zoneId)
    {
        var zone = MeetingTime.Zone(zoneId) ?? NodaTime.DateTimeZone.Utc;
        return Span(MeetingTime.ToLocal(startUtc, zone), MeetingTime.ToLocal(endUtc, zone));
    }
}
