using Convene.Accounts;
using Convene.BrowserTests.Meetings;

namespace Convene.BrowserTests.Calendar;

[Collection(SharedBrowser.Name)]
public sealed class CalendarPageTests(ConveneBrowser browser)
{
    [Fact(Timeout = 90_000)]
    public async Task Calendar_WeekAndDay_ShowTheBookingAndAFreeHourOpensThePrefilledForm()
    {
        var (bridgeId, placeholders) = await Bookings.DemoBridgeAsync(browser);
        var day = Bookings.OwnDay(browser);
        var title = $"Calendar check {Guid.NewGuid():N}"[..26];
        await Bookings.BookAsync(browser.Convene.Client(), title, day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1), bridgeId);
        await using var session = await browser.SignInAsync(Role.Operator, $"/calendar?bridgeId={bridgeId}&date={Bookings.Iso(day)}&view=week");
        var page = session.Page;

        var hour = page.Locator($"td[data-slot='{Bookings.Iso(day)}T10:00']");
        await Assertions.Expect(hour.GetByRole(AriaRole.Link, new() { Name = $"10:00 {title}" })).ToBeVisibleAsync();
        await Assertions.Expect(hour.Locator("a.book")).ToHaveTextAsync($"Book ({placeholders - 1} free)");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("calendar-week");

        await page.GetByRole(AriaRole.Link, new() { Name = "Day view" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"10:00 {title}" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("calendar-day");

        await page.Locator($"td[data-slot='{Bookings.Iso(day)}T15:00'] a.book").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a meeting" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync(Bookings.Iso(day));
        await Assertions.Expect(page.GetByLabel("Start time")).ToHaveValueAsync("15:00");
        await Assertions.Expect(page.GetByLabel("Bridge")).ToHaveValueAsync(bridgeId.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Calendar_Booker_SeesOthersMeetingsOnlyAsBusy()
    {
        var (bridgeId, _) = await Bookings.DemoBridgeAsync(browser);
        var day = Bookings.OwnDay(browser);
        await Bookings.BookAsync(browser.Convene.Client(), "Someone else's secret", day.ToDateTime(new TimeOnly(13, 0)), TimeSpan.FromHours(1), bridgeId);
        await using var session = await browser.SignInAsync(Role.Booker, $"/calendar?bridgeId={bridgeId}&date={Bookings.Iso(day)}&view=day");
        var page = session.Page;

        var hour = page.Locator($"td[data-slot='{Bookings.Iso(day)}T13:00']");
        await Assertions.Expect(hour).ToContainTextAsync("Busy 13:00");
        await Assertions.Expect(page.GetByText("Someone else's secret")).ToHaveCountAsync(0);
    }
}
