using Convene.Meetings;
using Convene.Ui.Components.Meetings;
using NodaTime;

namespace Convene.BrowserTests.Calendar;

/// <summary>The calendar's slots and free counts (no browser needed).</summary>
public sealed class CalendarGridTests
{
    [Fact]
    public void For_Week_StartsOnMondayAndSpansSevenDays()
    {
        var grid = CalendarGrid.For(new DateOnly(2026, 12, 10), week: true, DateTimeZone.Utc);

        Assert.Equal(new DateOnly(2026, 12, 7), grid.First);
        Assert.Equal(7, grid.Days.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 0, 0, 0, TimeSpan.Zero), grid.ToUtc);
    }

    [Fact]
    public void Fill_PlaceholderHeldAcrossHours_CountsOnlyHoursFreeThroughout()
    {
        var grid = CalendarGrid.For(new DateOnly(2026, 12, 7), week: false, DateTimeZone.ForOffset(Offset.FromHours(1)));
        var at = (int hour, int minute) => new DateTimeOffset(2026, 12, 7, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();
        // Placeholder 1: held 09:55–11:05 local; placeholder 2: free all day.
        var availability = new AvailabilityDto(Guid.NewGuid(), grid.FromUtc, grid.ToUtc, 1,
        [
            new PlaceholderAvailability(1, [new BusyInterval(at(9, 55), at(11, 5), Guid.NewGuid())], [new FreeInterval(grid.FromUtc, at(9, 55)), new FreeInterval(at(11, 5), grid.ToUtc)]),
            new PlaceholderAvailability(2, [], [new FreeInterval(grid.FromUtc, grid.ToUtc)]),
        ]);
        var meeting = new CalendarEntry(Guid.NewGuid(), "Held", new DateTime(2026, 12, 7, 10, 0, 0), new DateTime(2026, 12, 7, 11, 0, 0), MeetingState.Booked);

        grid.Fill([meeting], availability);

        // 08:00 both free; 09:00–12:00 only placeholder 2 (the hold touches each of them); 12:00 both again.
        Assert.Equal([2, 1, 1, 1, 2], Enumerable.Range(8, 5).Select(h => grid.Slots[0, h].Free));
        Assert.Equal(meeting, Assert.Single(grid.Slots[0, 10].Meetings));
        Assert.Equal(new DateTime(2026, 12, 7, 10, 0, 0), grid.Slots[0, 10].StartLocal);
    }

    [Fact]
    public void Fill_OnTheDaysTheClocksChange_MarksTheSkippedAndTheRepeatedHour()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var spring = CalendarGrid.For(new DateOnly(2027, 3, 28), week: false, oslo);
        var autumn = CalendarGrid.For(new DateOnly(2027, 10, 31), week: false, oslo);

        spring.Fill([], null);
        autumn.Fill([], null);

        Assert.Equal(0, spring.Slots[0, 2].Occurs);
        Assert.Equal(1, spring.Slots[0, 3].Occurs);
        Assert.Equal(2, autumn.Slots[0, 2].Occurs);
        Assert.Equal(TimeSpan.FromHours(2), autumn.Slots[0, 2].EndUtc - autumn.Slots[0, 2].StartUtc);
        Assert.Equal(1, autumn.Slots[0, 1].Occurs);
    }
}
