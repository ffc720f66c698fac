using System.Globalization;

namespace Convene.Ui.Components.Bridges;

/// <summary>Times as the bridge and ticket pages show them: UTC, <c>yyyy-MM-dd HH:mm:ss</c> and "UTC" (the API gives UTC too).</summary>
public static class UiTime
{
    /// <summary>"2026-11-30 05:15:00 UTC"; "—" when null.</summary>
    public static string Format(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>"05:15" (UTC).</summary>
    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
}
