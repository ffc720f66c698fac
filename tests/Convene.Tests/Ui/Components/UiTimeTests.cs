using Convene.Ui.Components.Bridges;
using NodaTime;

namespace Convene.Tests.Ui.Components;

/// <summary>Server text shown on a page with its UTC instants in the user's zone (<see cref="UiTime.InZone"/>).</summary>
public sealed class UiTimeTests
{
    [Theory]
    [InlineData("Asia/Tokyo", "The placeholder is booked by 'Board' from 2026-11-20 23:30:05Z to 2026-11-21 00:30:00Z.",
        "The placeholder is booked by 'Board' from 2026-11-21 08:30:05 Asia/Tokyo to 2026-11-21 09:30:00 Asia/Tokyo.")]
    [InlineData("UTC", "Extended: the meeting now ends at 2026-12-01 10:15:00Z.", "Extended: the meeting now ends at 2026-12-01 10:15:00 UTC.")]
    // Oslo's clocks go back at 2026-10-25 01:00 UTC: 02:30 comes twice, so in that hour each carries its offset.
    [InlineData("Europe/Oslo", "from 2026-10-25 00:30:00Z to 2026-10-25 01:30:00Z, then 2026-10-25 02:30:00Z",
        "from 2026-10-25 02:30:00 +02:00 Europe/Oslo to 2026-10-25 02:30:00 +01:00 Europe/Oslo, then 2026-10-25 03:30:00 Europe/Oslo")]
    [InlineData("America/New_York", "dialled, retry 2 at 2026-07-01 03:00:00Z)", "dialled, retry 2 at 2026-06-30 23:00:00 America/New_York)")]
    public void InZone_UtcInstantsInText_ShowsThemInTheZone(string zone, string text, string expected) =>
        Assert.Equal(expected, UiTime.InZone(text, DateTimeZoneProviders.Tzdb[zone]));

    [Theory]
    [InlineData("A local time 2026-12-01T10:00:00 (Europe/Oslo) stays.")]
    [InlineData("An impossible 2026-13-45 10:00:00Z stays.")]
    [InlineData("Not an instant: 2026-12-01 10:00:00Zulu, 12026-12-01 10:00:00Z.")]
    [InlineData("")]
    public void InZone_NoUtcInstant_LeavesTheText(string text) =>
        Assert.Equal(text, UiTime.InZone(text, DateTimeZoneProviders.Tzdb["Asia/Tokyo"]));

    [Fact]
    public void InZone_Null_Empty() => Assert.Equal("", UiTime.InZone(null, DateTimeZone.Utc));
}
