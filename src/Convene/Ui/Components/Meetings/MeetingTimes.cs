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

    /// <summary>The span of two instants in a zone (IANA id). When the zone's clocks change between them (a daylight saving
    /// change), each end carries its UTC offset, so that a half hour across the autumn change reads
    /// <c>Sun 2027-10-31 02:45 +02:00–02:15 +01:00</c> rather than ending before it starts.</summary>
    public static string Span(DateTimeOffset startUtc, DateTimeOffset endUtc, string zoneId)
    {
        var zone = MeetingTime.Zone(zoneId) ?? NodaTime.DateTimeZone.Utc;
        var startOffset = zone.GetUtcOffset(NodaTime.Instant.FromDateTimeOffset(startUtc));
        var endOffset = zone.GetUtcOffset(NodaTime.Instant.FromDateTimeOffset(endUtc));
        var start = MeetingTime.ToLocal(startUtc, zone);
        var end = MeetingTime.ToLocal(endUtc, zone);
        if (startOffset == endOffset)
        {
            return Span(start, end);
        }
        var (from, to) = (Offset.Format(startOffset), Offset.Format(endOffset));
        return start.Date == end.Date
            ? string.Create(CultureInfo.InvariantCulture, $"{start:ddd yyyy-MM-dd HH:mm} {from}–{end:HH:mm} {to}")
            : string.Create(CultureInfo.InvariantCulture, $"{start:ddd yyyy-MM-dd HH:mm} {from} – {end:ddd yyyy-MM-dd HH:mm} {to}");
    }

    private static readonly NodaTime.Text.OffsetPattern Offset = NodaTime.Text.OffsetPattern.CreateWithInvariantCulture("+HH:mm");
}
