using System.Globalization;
using NodaTime;

namespace Convene.Ui.Live;

/// <summary>How the live pages write times: in the user's zone (<see cref="Components.Meetings.ViewerZone"/>), to the minute,
/// with the zone named (<c>UTC</c>, or its IANA id).</summary>
public static class LiveFormat
{
    /// <summary><c>2026-11-25 09:30 UTC</c>, <c>2026-11-25 10:30 Europe/Oslo</c>.</summary>
    public static string Time(DateTimeOffset utc, DateTimeZone zone) =>
        Local(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Components.Meetings.UserZone.Label(zone);

    /// <summary><c>09:30</c> on the day of <paramref name="now"/> (in the zone), else <c>11-26 09:30</c>: for the list's narrow columns.</summary>
    public static string Clock(DateTimeOffset utc, DateTimeOffset now, DateTimeZone zone)
    {
        var local = Local(utc, zone);
        return local.ToString(local.Date == Local(now, zone).Date ? "HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private static DateTime Local(DateTimeOffset utc, DateTimeZone zone) => Meetings.MeetingTime.ToLocal(utc, zone);

    /// <summary>What is left of a meeting at <paramref name="now"/>: "42 min left", "opens in 12 min", "over".</summary>
    public static string Left(LiveMeetingView meeting, DateTimeOffset now)
    {
        if (meeting.IsOver)
        {
            return "over";
        }
        if (!meeting.IsLive && now < meeting.OpensUtc)
        {
            return $"opens in {Minutes(meeting.OpensUtc - now)}";
        }
        return now < meeting.EndUtc ? $"{Minutes(meeting.EndUtc - now)} left" : "past its end";
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 90
        ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min";
}
