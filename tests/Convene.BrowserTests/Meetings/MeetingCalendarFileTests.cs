using Convene.Bridges;
using Convene.Meetings;

namespace Convene.BrowserTests.Meetings;

/// <summary>The .ics text of a series (no browser needed): rule, EXDATEs, overrides, a closed series' end.</summary>
public sealed class MeetingCalendarFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Bridge Bridge = new() { Address = "https://cms.example.com", Domain = "video.example.com" };
    private static readonly DateTime First = new(2026, 12, 7, 10, 0, 0);

    [Fact]
    public void Build_SeriesWithACancelledMiddleAndAnotherPlaceholder_HasExdateAndOverride()
    {
        var series = Series("FREQ=WEEKLY;COUNT=3", open: false);
        var occurrences = new[] { Occurrence(series, 0, 1000), Occurrence(series, 1, 1000, MeetingState.Cancelled), Occurrence(series, 2, 1001) };

        var calendar = Ical.Net.Calendar.Load(MeetingCalendarFile.Build(occurrences[0], series, occurrences, Bridge, Now))!;

        var master = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is null);
        Assert.Equal(Ical.Net.FrequencyType.Weekly, master.RecurrenceRule!.Frequency);
        Assert.Equal(3, master.RecurrenceRule.Count);
        Assert.Equal("Europe/Oslo", master.DtStart!.TzId);
        Assert.Equal(First, master.DtStart.Value);
        Assert.Equal("1000@video.example.com", master.Location);
        Assert.Equal([First.AddDays(7)], master.ExceptionDates.GetAllDates().Select(d => d.Value));
        var moved = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is not null);
        Assert.Equal(First.AddDays(14), moved.RecurrenceIdentifier!.StartTime.Value);
        Assert.Equal("1001@video.example.com", moved.Location);
        Assert.Equal(series.Id.ToString(), moved.Uid);
    }

    [Fact]
    public void Build_SeriesWhoseTailWasCancelled_EndsAtTheLastOccurrenceLeft()
    {
        var series = Series("FREQ=DAILY", open: false);
        var occurrences = new[] { Occurrence(series, 0, 1000), Occurrence(series, 1, 1000), Occurrence(series, 2, 1000, MeetingState.Cancelled) };

        var calendar = Ical.Net.Calendar.Load(MeetingCalendarFile.Build(occurrences[0], series, occurrences, Bridge, Now))!;

        var master = Assert.Single(calendar.Events);
        Assert.Equal(First.AddDays(1), master.RecurrenceRule!.Until!.Value);
        Assert.Null(master.RecurrenceRule.Count);
    }

    [Fact]
    public void Build_SingleMeeting_HasDialInAndOrganizerWithoutRule()
    {
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), Title = "One", TimeZone = "UTC", StartLocal = First, EndLocal = First.AddHours(1), NumericId = 1042, Pin = "1234",
            OrganizerName = "ada", Version = 1, State = MeetingState.Booked,
        };

        var calendar = Ical.Net.Calendar.Load(MeetingCalendarFile.Build(meeting, null, [], Bridge, Now))!;

        var e = Assert.Single(calendar.Events);
        Assert.Null(e.RecurrenceRule);
        Assert.Equal(meeting.Id.ToString(), e.Uid);
        Assert.Contains("Call ID: 1042", e.Description);
        Assert.Contains("PIN: 1234", e.Description);
        Assert.Equal("ada", e.Organizer!.CommonName);
    }

    private static MeetingSeries Series(string rule, bool open) => new()
    {
        Id = Guid.NewGuid(), Recurrence = rule, TimeZone = "Europe/Oslo", FirstStartLocal = First, FirstEndLocal = First.AddHours(1), IsOpenEnded = open,
    };

    private static Meeting Occurrence(MeetingSeries series, int week, long numericId, MeetingState state = MeetingState.Booked)
    {
        var step = series.Recurrence.Contains("DAILY", StringComparison.Ordinal) ? 1 : 7;
        var start = First.AddDays(step * week);
        return new Meeting
        {
            Id = Guid.NewGuid(), SeriesId = series.Id, RecurrenceIdLocal = start, Title = "Weekly", TimeZone = series.TimeZone, StartLocal = start,
            EndLocal = start.AddHours(1), NumericId = numericId, State = state, Version = 1, OrganizerName = "ada",
        };
    }
}
