using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Convene.Ui.Components.Bridges;

/// <summary>Times as the bridge, ticket, log and user pages show them: in the user's zone (<see cref="Meetings.ViewerZone.Current"/>),
/// <c>yyyy-MM-dd HH:mm:ss</c> and the zone's name (<c>UTC</c>, or its IANA id).</summary>
public static partial class UiTime
{
    /// <summary>"2026-11-30 05:15:00 UTC", "2026-11-30 06:15:00 Europe/Oslo"; "—" when null. In the hour the clocks
    /// repeat a local time names two instants, so there it carries its offset: "2026-10-25 02:30:00 +02:00 Europe/Oslo".</summary>
    public static string Format(DateTimeOffset? time, DateTimeZone zone)
    {
        if (time is not { } t)
        {
            return "—";
        }
        var zoned = Instant.FromDateTimeOffset(t).InZone(zone);
        var offset = zone.MapLocal(zoned.LocalDateTime).Count > 1 ? " " + Offset.Format(zoned.Offset) : "";
        return zoned.LocalDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + offset + " " + Meetings.UserZone.Label(zone);
    }

    private static readonly NodaTime.Text.OffsetPattern Offset = NodaTime.Text.OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    /// <summary>
    /// Text from the server (a refusal, a field's error, a timeline entry, a participant's reason) with each UTC instant
    /// in it shown as <see cref="Format"/> shows one in <paramref name="zone"/>: Convene's messages write instants as
    /// ISO 8601 in UTC with a Z (.NET's <c>u</c> format, "2026-11-30 05:15:00Z"), which is right for the REST API and
    /// its scripts but not for a person who chose another zone: "2026-11-30 06:15:00 Europe/Oslo". Anything else in the
    /// text, a string that only looks like an instant (an impossible date) included, is left as it is; null is "".
    /// </summary>
    public static string InZone(string? text, DateTimeZone zone) => text is null ? "" : UtcInstant().Replace(text, m =>
        DateTimeOffset.TryParseExact(m.Value, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) ? Format(instant, zone) : m.Value);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z\b", RegexOptions.CultureInvariant)]
    private static partial Regex UtcInstant();
}
