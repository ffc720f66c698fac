using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Convene.Meetings;

/// <summary>
/// The one written rule for local times (NodaTime's lenient resolver, <c>Resolvers.LenientResolver</c>): a local
/// time that does not exist because the clocks skip forward is shifted forward by the length of the gap
/// (02:30 on a day Oslo skips 02:00→03:00 becomes 03:30 summer time); a local time that exists twice because the
/// clocks go back is the earlier of the two instants (02:30 on a day Oslo repeats 02:00–03:00 is 02:30 summer
/// time, 00:30 UTC). Zones are the IANA (tzdb) ones NodaTime ships.
/// </summary>
public static class MeetingTime
{
    /// <summary>The zone with this IANA id, or null when tzdb has none.</summary>
    public static DateTimeZone? Zone(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());

    /// <summary>The instant of a local time in a zone by the rule; <paramref name="note"/> says what was chosen
    /// when the local time was skipped or repeated, else null.</summary>
    public static DateTimeOffset ToUtc(DateTime local, DateTimeZone zone, out string? note)
    {
        var value = LocalDateTime.FromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        var mapping = zone.MapLocal(value);
        var resolved = Resolvers.LenientResolver(mapping);
        note = mapping.Count switch
        {
            0 => string.Create(CultureInfo.InvariantCulture,
                $"{Iso(local)} does not exist in {zone.Id} (the clocks skip forward); shifted forward by the gap to {Iso(resolved.LocalDateTime.ToDateTimeUnspecified())} ({resolved.Offset})."),
            > 1 => string.Create(CultureInfo.InvariantCulture,
                $"{Iso(local)} occurs twice in {zone.Id} (the clocks go back); the earlier one was chosen ({resolved.Offset})."),
            _ => null,
        };
        return resolved.ToDateTimeOffset().ToUniversalTime();
    }

    /// <summary>The instant of a local time in a zone by the rule, ignoring what was chosen.</summary>
    public static DateTimeOffset ToUtc(DateTime local, DateTimeZone zone) => ToUtc(local, zone, out _);

    /// <summary>The local time in a zone of an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset utc, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(utc).InZone(zone).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>ISO 8601 local date-time, seconds precision (<c>2026-12-01T10:00:00</c>).</summary>
    public static string Iso(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
