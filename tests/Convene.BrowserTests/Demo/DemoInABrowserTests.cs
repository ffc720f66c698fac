using System.Globalization;
using Convene.Accounts;
using Convene.BrowserTests.Live;
using Convene.BrowserTests.Meetings;

namespace Convene.BrowserTests.Demo;

/// <summary>
/// Issue 10's demo, from the browser alone: the simulated bridge is healthy; a meeting booked through the form with two
/// dial-out participants opens, its participants connect, one is muted, it is extended and ended on the conference
/// control page, and the simulator's node page shows the meeting's space on the bridge. The screenshots are the
/// README's walk-through (copied under docs/screenshots).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class DemoInABrowserTests(ConveneBrowser browser)
{
    [Fact(Timeout = 180_000)]
    public async Task Demo_Newcomer_BooksAMeetingAndRunsItFromTheBrowser()
    {
        var convene = browser.Convene;
        var (bridgeId, _) = await Bookings.DemoBridgeAsync(browser);
        await using var session = await browser.SignInAsync(Role.Administrator, "/bridges");
        var page = session.Page;

        // The simulated bridge, healthy.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Simulated CMS" });
        await Assertions.Expect(row).ToContainTextAsync("Simulated");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await Assertions.Expect(row).ToContainTextAsync("Placeholders: Complete");

        // Book through the form: opens in about a minute (the start 6 min ahead, 5 min early join), two dial-outs.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Weekly sync {suffix}";
        var now = convene.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(7);
        await page.GotoAsync($"/meetings/new?bridgeId={bridgeId}");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time").FillAsync(start.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Duration (minutes)").FillAsync("30");
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByLabel("PIN (optional)").FillAsync("1234");
        await page.GetByLabel("Participant 1 address").FillAsync($"alice-{suffix}@example.com");
        await page.GetByLabel("Participant 1 name").FillAsync("Alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a participant row" }).ClickAsync();
        await page.GetByLabel("Participant 2 address").FillAsync($"bob-{suffix}@example.com");
        await page.GetByLabel("Participant 2 name").FillAsync("Bob");
        await page.SaveScreenshotAsync("demo-book");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The meeting is booked");
        await Assertions.Expect(page.Locator("#dial-pin")).ToHaveTextAsync("1234");
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        // Follow it live: it opens, both participants connect, without a reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "Follow it live (conference control)" }).ClickAsync();
        await LiveBooking.InteractiveAsync(page);
        await LiveBooking.ExpectStateAsync(page, "Booked");
        var loads = 0;
        page.Load += (_, _) => loads++;
        var booked = await LiveBooking.MeetingAsync(convene, id);
        Assert.Equal(2, booked.Participants.Count(p => p.DialOut));
        await LiveBooking.OpenAsync(convene, booked.StartUtc);
        await LiveBooking.ExpectStateAsync(page, "Running");
        await LiveBooking.ConnectedAsync(convene, id);
        await Assertions.Expect(page.Locator(".participants .state-good")).ToHaveCountAsync(2, new() { Timeout = 10_000 });

        // Mute one, extend.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mute audio of Alice" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-participant='Alice']")).ToContainTextAsync("Audio muted");
        await page.GetByRole(AriaRole.Button, new() { Name = "+15 min" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("meeting-end")).ToHaveTextAsync(
            booked.EndUtc.AddMinutes(15).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        await page.SaveScreenshotAsync("demo-live");

        // The simulator's node page (linked from the home page) shows the space opened with the meeting's title.
        var simulator = await session.Context.NewPageAsync();
        await simulator.GotoAsync("/");
        var panel = simulator.GetByRole(AriaRole.Region, new() { Name = "Simulated cluster" });
        await panel.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Node ") }).First.ClickAsync();
        await Assertions.Expect(simulator.GetByRole(AriaRole.Heading, new() { Name = "Spaces" })).ToBeVisibleAsync();
        await Assertions.Expect(simulator.GetByText(title).First).ToBeVisibleAsync();
        await simulator.SaveScreenshotAsync("demo-simulator-node");
        await simulator.CloseAsync();

        // End now.
        await page.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, end the meeting" }).ClickAsync();
        await LiveBooking.ExpectStateAsync(page, "Ended");
        Assert.Equal(0, loads);
    }
}
