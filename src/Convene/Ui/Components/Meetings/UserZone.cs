using Convene.Meetings;
using NodaTime;

namespace Convene.Ui.Components.Meetings;

/// <summary>
/// The time zone pages show and book in when the user picks none: the server's zone (<see cref="TimeProvider.LocalTimeZone"/>)
/// as an IANA id that NodaTime's tzdb knows, else UTC. Independent of the browser, so a page renders the same for everyone.
/// A user's own choice comes first (<see cref="ViewerZone"/>).
/// </summary>
public static class UserZone
{
    /// <summary>The user's <paramref name="chosen"/> zone when tzdb knows it (as tzdb spells it), else the server's.</summary>
    public static string Id(TimeProvider time, string? chosen) => MeetingTime.Zone(chosen)?.Id ?? Id(time);

    /// <summary>The IANA id of the server's zone, or <c>UTC</c>.</summary>
    public static string Id(TimeProvider time)
    {
        var zone = time.LocalTimeZone;
        var id = zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
        return MeetingTime.Zone(id)?.Id ?? "UTC";
    }

    /// <summary>The server's zone as a NodaTime zone.</summary>
    public static DateTimeZone Zone(TimeProvider time) => MeetingTime.Zone(Id(time)) ?? DateTimeZone.Utc;

    /// <summary>The tzdb canonical id of <paramref name="id"/> (<c>US/Eastern</c> → <c>America/New_York</c>, <c>UTC</c> →
    /// <c>Etc/UTC</c>); an id tzdb does not know is returned as is.</summary>
    public static string Canonical(string id) =>
        NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.CanonicalIdMap.TryGetValue(id, out var canonical) ? canonical : id;

    /// <summary>Whether two ids name one zone (an alias and its canonical id).</summary>
    public static bool Same(string a, string b) => Canonical(a) == Canonical(b);

    /// <summary>How a zone is named beside a time: <c>UTC</c> for UTC under any of its names, else the id.</summary>
    public static string Label(string id) => Canonical(id) == "Etc/UTC" ? "UTC" : id;

    /// <summary><see cref="Label(string)"/> of a zone.</summary>
    public static string Label(DateTimeZone zone) => Label(zone.Id);

    /// <summary>Every IANA zone id NodaTime's tzdb has, sorted, for a zone select.</summary>
    public static IReadOnlyList<string> All { get; } = DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal).ToList();
}
