using Convene.Ui.Components.Meetings;

namespace Convene.BrowserTests.Meetings;

/// <summary>How pages write a meeting's span in a zone (no browser needed).</summary>
public sealed class MeetingTimesTests
{
    [Fact]
    public void Span_WithoutAClockChange_IsLocalTimesOnly()
    {
        var start = new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal("Tue 2027-06-01 10:00–11:00", MeetingTimes.Span(start, start.AddHours(1), "Europe/Oslo"));
    }

    [Fact]
    public void Span_AcrossTheAutumnChange_NamesEachEndsOffset()
    {
        // 00:45–01:15 UTC on 2027-10-31: Oslo's clocks go back from 03:00 to 02:00 at 01:00 UTC.
        var start = new DateTimeOffset(2027, 10, 31, 0, 45, 0, TimeSpan.Zero);

        Assert.Equal("Sun 2027-10-31 02:45 +02:00–02:15 +01:00", MeetingTimes.Span(start, start.AddMinutes(30), "Europe/Oslo"));
    }

    [Fact]
    public void Span_AcrossTheSpringChange_NamesEachEndsOffset()
    {
        // 00:30–01:30 UTC on 2027-03-28: Oslo's clocks jump from 02:00 to 03:00 at 01:00 UTC; an hour, not two.
        var start = new DateTimeOffset(2027, 3, 28, 0, 30, 0, TimeSpan.Zero);

        Assert.Equal("Sun 2027-03-28 01:30 +01:00–03:30 +02:00", MeetingTimes.Span(start, start.AddHours(1), "Europe/Oslo"));
    }
}
