using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Convene.Accounts;
using Convene.BrowserTests.Bridges;
using Convene.BrowserTests.Meetings;
using Convene.Meetings;

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

    [Fact(Timeout = 90_000)]
    public async Task TimeZone_Chosen_ShowsTheBridgeLogsTimesInIt()
    {
        var demo = await BridgeTestData.DemoBridgeIdAsync(browser);
        var start = DateTime.SpecifyKind(browser.Convene.Clock.GetUtcNow().UtcDateTime.Date.AddDays(4).AddHours(10), DateTimeKind.Unspecified);
        var title = $"Zoned log {BridgeTestData.Unique()}";
        var booked = await browser.Convene.Client().PostAsJsonAsync("/api/meetings",
            new BookMeeting(title, start, start.AddHours(1), "UTC", BridgeId: demo), TestContext.Current.CancellationToken);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var meetingId = (await booked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        var at = new DateTimeOffset(2026, 11, 20, 23, 30, 5, TimeSpan.Zero);
        await browser.Convene.DbAsync(async db =>
        {
            db.MeetingEvents.Add(new MeetingEvent
            {
                MeetingId = meetingId, TimeUtc = at, Kind = MeetingEventKind.CmsRequest, Text = "GET /api/v1/system/status → 200",
                Node = "CallBridge-Core1", Method = "GET", Path = "/api/v1/system/status", Status = 200, LatencyMs = 3,
            });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        await using var session = await browser.SignInAsync(Role.Viewer, "/account/time-zone");
        var page = session.Page;
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Asia/Tokyo");

        await page.GotoAsync($"/bridges/{demo}/logs");

        var region = page.GetByRole(AriaRole.Region, new() { Name = "Meetings' requests" });
        await Assertions.Expect(region.GetByRole(AriaRole.Columnheader, new() { Name = "Time (Asia/Tokyo)" })).ToBeVisibleAsync();
        // 23:30:05 UTC is 08:30:05 the next day in Tokyo.
        await Assertions.Expect(region.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("2026-11-21 08:30:05 Asia/Tokyo");
    }
}
