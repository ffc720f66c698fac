using Convene.Accounts;

namespace Convene.BrowserTests.Meetings;

[Collection(SharedBrowser.Name)]
public sealed class MeetingListTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task MeetingList_Booker_SeesOnlyTheirOwnMeetings()
    {
        var day = Bookings.OwnDay(browser);
        var (other, otherPassword) = await browser.CreateUserAsync(Role.Booker);
        var theirs = await Bookings.BookAsync(browser.Convene.Client(other, otherPassword), $"Not mine {other}", day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1));
        await using var session = await browser.SignInAsync(Role.Booker, "/meetings");
        var page = session.Page;
        var mine = await Bookings.BookAsync(browser.Convene.Client(session.UserName, session.Password), $"Mine {session.UserName}", day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1));
        await page.GotoAsync($"/meetings?from={Bookings.Iso(day)}&to={Bookings.Iso(day)}");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Mine {session.UserName}" })).ToHaveAttributeAsync("href", $"/meetings/{mine}");
        await Assertions.Expect(page.GetByText($"Not mine {other}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Meetings 1–1 of 1.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("meetings");

        await page.GotoAsync($"/meetings/{theirs}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"No meeting {theirs}.");
        var ics = await page.APIRequest.GetAsync($"/meetings/{theirs}/ics");
        Assert.Equal(404, ics.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task MeetingList_Viewer_SeesEveryonesAndFiltersByState()
    {
        var day = Bookings.OwnDay(browser);
        var (booker, password) = await browser.CreateUserAsync(Role.Booker);
        var client = browser.Convene.Client(booker, password);
        await Bookings.BookAsync(client, $"Kept {booker}", day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1));
        var cancelled = await Bookings.BookAsync(client, $"Dropped {booker}", day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.FromHours(1));
        (await client.DeleteAsync($"/api/meetings/{cancelled}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await using var session = await browser.SignInAsync(Role.Viewer, "/meetings");
        var page = session.Page;

        await page.GetByLabel("From (date").FillAsync(Bookings.Iso(day));
        await page.GetByLabel("To (date, included)").FillAsync(Bookings.Iso(day));
        await page.GetByLabel("State").SelectOptionAsync("Booked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Kept {booker}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Dropped {booker}")).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task MeetingDetails_CancelByTheOrganizer_CancelsAndHidesTheButton()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, "/meetings");
        var page = session.Page;
        var id = await Bookings.BookAsync(browser.Convene.Client(session.UserName, session.Password), "To cancel", day.ToDateTime(new TimeOnly(15, 0)), TimeSpan.FromHours(1));
        await page.GotoAsync($"/meetings/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this meeting" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The meeting was cancelled.");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this meeting" })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task MeetingList_BadQueryValues_ExplainsThemInsteadOfFailing()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/meetings?state=Nope&bridgeId=x&from=yesterday");
        var page = session.Page;

        await Assertions.Expect(page.Locator("#state-error")).ToHaveTextAsync("'Nope' is not a meeting state.");
        await Assertions.Expect(page.Locator("#bridgeId-error")).ToHaveTextAsync("'x' is not a bridge id.");
        await Assertions.Expect(page.Locator("#from-error")).ToContainTextAsync("'yesterday' is not a date");
    }
}
