using System.Globalization;

namespace Convene;

/// <summary>How values read in log messages: durations in the largest units that fit ("350 ms", "2.5 s",
/// "4 min 5 s", "1 h 20 min") and instants in ISO 8601 UTC ("2026-12-01T10:00:00Z"). A missing value is said in
/// words by each log method instead of the logger's "(null)".</summary>
internal static class LogText
{
    public static string Duration(TimeSpan span)
    {
        var d = span.Duration();
        return d switch
        {
            { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms"),
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(d.TotalSeconds * 10) / 10:0.#} s"),
            { TotalHours: < 1 } => d.Seconds == 0 ? $"{d.Minutes} min" : $"{d.Minutes} min {d.Seconds} s",
            _ => d.Minutes == 0 ? $"{(int)d.TotalHours} h" : $"{(int)d.TotalHours} h {d.Minutes} min",
        };
    }

    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}

/// <summary>A lateness in ms as a log message shows it ("2.5 s after", "300 ms before"); formatted only when logged.</summary>
internal readonly record struct LogLateness(double Milliseconds)
{
    public override string ToString() => LogText.Duration(TimeSpan.FromMilliseconds(Milliseconds)) + (Milliseconds < 0 ? " before" : " after");
}

/// <summary>An instant as a log message shows it (ISO 8601 UTC); formatted only when logged.</summary>
internal readonly record struct LogInstant(DateTimeOffset Value)
{
    public override string ToString() => LogText.Instant(Value);
}
