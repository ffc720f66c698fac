using Convene.Accounts;
using Convene.BrowserTests.Meetings;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Calendar;

[Collection(SharedBrowser.Name)]
public sealed class CalendarLoadTests(ConveneBrowser browser)
{
    /// <summary>
    /// 10,000 bookings on the demo bridge over a year, far from the other tests' days: every placeholder holds a one-hour
    /// meeting every 44 hours. The week shown reads only its window; a full hour lists three meetings and links the rest.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task Calendar_TenThousandBookings_ShowsTheWeeksAndBoundsEachHour()
    {
        var (bridgeId, _) = await Bookings.DemoBridgeAsync(browser);
        var ct = TestContext.Current.CancellationToken;
        var placeholders = await browser.Convene.DbAsync(db => db.Placeholders.AsNoTracking().Where(p => p.BridgeId == bridgeId).OrderBy(p => p.NumericId).ToListAsync(ct));
        var start = new DateTimeOffset(browser.Convene.Clock.GetUtcNow().UtcDateTime.Date.AddDays(400), TimeSpan.Zero);
        await browser.Convene.DbAsync(async db =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var placeholder = placeholders[i % placeholders.Count];
                var from = start.AddHours(44 * (i / placeholders.Count));
                db.Meetings.Add(new Meeting
                {
                    Id = Guid.NewGuid(), BridgeId = bridgeId, Title = $"Load {i}", TimeZone = "UTC", StartLocal = from.UtcDateTime, EndLocal = from.UtcDateTime.AddHours(1),
                    StartUtc = from, EndUtc = from.AddHours(1), HoldFromUtc = from.AddMinutes(-5), HoldUntilUtc = from.AddMinutes(65), PlaceholderId = placeholder.Id,
                    NumericId = placeholder.NumericId, State = MeetingState.Booked, Version = 1, Launch = LaunchType.Automatic,
                });
            }
            return await db.SaveChangesAsync(ct);
        });
        // The tenth block: 440 hours in, 18 days and 8 hours after the start.
        var block = start.AddHours(440);
        var day = DateOnly.FromDateTime(block.UtcDateTime);
        await using var session = await browser.SignInAsync(Role.Viewer, $"/calendar?bridgeId={bridgeId}&date={Bookings.Iso(day)}&view=week");
        var page = session.Page;

        var hour = page.Locator($"td[data-slot='{Bookings.Iso(day)}T08:00']");
        await Assertions.Expect(hour.Locator(".entry")).ToHaveCountAsync(3);
        await Assertions.Expect(hour.GetByRole(AriaRole.Link, new() { Name = $"{placeholders.Count - 3} more" })).ToBeVisibleAsync();
        await Assertions.Expect(hour).ToContainTextAsync("Full");
        await Assertions.Expect(page.Locator($"td[data-slot='{Bookings.Iso(day)}T10:00'] a.book")).ToHaveTextAsync($"Book ({placeholders.Count} free)");
    }
}
