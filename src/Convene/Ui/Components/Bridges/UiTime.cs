using System.Globalization;
using Convene.Meetings;
using NodaTime;

namespace Convene.Ui.Components.Bridges;

/// <summary>Times as the bridge, ticket, log and user pages show them: in the user's zone (<see cref="Meetings.ViewerZone.Current"/>),
/// <c>yyyy-MM-dd HH:mm:ss</c> and the zone's name (<c>UTC</c>, or its IANA id).</summary>
public static class UiTime
{
    /// <summary>"2026-11-30 05:15:00 UTC", "2026-11-30 06:15:00 Europe/Oslo"; "—" when null.</summary>
    public static string Format(DateTimeOffset? time, DateTimeZone zone) =>
        time is { } t ? MeetingTime.ToLocal(t, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Meetings.UserZone.Label(zone) : "—";
}
