using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Convene.Accounts;
using Convene.BrowserTests.Meetings;

namespace Convene.BrowserTests.Accounts;

[Collection(SharedBrowser.Name)]
public sealed class TimeZonePageTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task TimeZone_Chosen_ShowsTheMeetingsInItAndTheBookingFormStartsInIt()
    {
        await using var session = await browser.SignInAsync(Role.Booker, "/account/time-zone");
        var page = session.Page;
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("");
        await page.AssertAccessibleAsync();

        // Asia/Tokyo: UTC+9 all year, so 01:00 UTC is 10:00 there on the same day.
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Times are now shown in Asia/Tokyo");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Tokyo");

        var day = Bookings.OwnDay(browser);
        using var own = new HttpClient { BaseAddress = browser.Address };
        own.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{session.UserName}:{session.Password}")));
        await Bookings.BookAsync(own, "In Tokyo time", day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.FromHours(1));

        await page.GotoAsync("/meetings");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "When (Asia/Tokyo)" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "In Tokyo time" });
        await Assertions.Expect(row).ToContainTextAsync($"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 10:00–11:00");

        await page.GotoAsync("/meetings/new");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Tokyo");
    }

    [Fact(Timeout = 60_000)]
    public async Task TimeZone_BackToTheServers_ShowsTimesInTheServersZoneAgain()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/account/time-zone");
        var page = session.Page;
        await page.GetByLabel("Time zone").SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("America/New_York");

        await page.GetByLabel("Time zone").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Times are now shown in");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).Not.ToContainTextAsync("America/New_York");
        await page.GotoAsync("/meetings");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "When (America/New_York)" })).ToHaveCountAsync(0);
    }
}
