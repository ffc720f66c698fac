using System.Globalization;

namespace Convene.Ui.Live;

/// <summary>How the live pages write times: UTC, to the minute (the bridge and the API count in UTC).</summary>
public static class LiveFormat
{
    /// <summary><c>2026-11-25 09:30 UTC</c>.</summary>
    public static string Time(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>09:30</c> on the day of <paramref name="now"/> (UTC), else <c>11-26 09:30</c>: for the list's narrow columns.</summary>
    public static string Clock(DateTimeOffset utc, DateTimeOffset now) =>
        utc.UtcDateTime.ToString(utc.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);

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
