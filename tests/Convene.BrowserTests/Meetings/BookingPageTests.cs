using Convene.Accounts;
using Ical.Net.CalendarComponents;

namespace Convene.BrowserTests.Meetings;

[Collection(SharedBrowser.Name)]
public sealed class BookingPageTests(ConveneBrowser browser)
{
    [Fact(Timeout = 120_000)]
    public async Task BookingForm_WeeklySeriesOnTheSimulatedBridge_ConfirmsWithDialInAndAnIcsWithTheRule()
    {
        var (bridgeId, _) = await Bookings.DemoBridgeAsync(browser);
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, "/meetings/new");
        var page = session.Page;
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("meeting-new");

        await page.GetByLabel("Title").FillAsync("Weekly planning");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Bookings.Iso(day));
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("Duration (minutes)").FillAsync("45");
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByLabel("Repeats").SelectOptionAsync("weekly");
        await Assertions.Expect(page.GetByLabel("Ends")).ToBeHiddenAsync(); // folded until asked for
        await page.Locator("summary", new() { HasText = "Repeat options" }).ClickAsync();
        await page.GetByLabel("Ends").SelectOptionAsync("count");
        await page.GetByLabel("Number of meetings").FillAsync("3");
        await page.GetByLabel("PIN (optional)").FillAsync("4321");
        await page.GetByLabel("Bridge").SelectOptionAsync(bridgeId.ToString());
        await page.GetByLabel("Participant 1 address").FillAsync("sip:room-a@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The meeting is booked");
        await Assertions.Expect(page.Locator("#dial-uri")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+@video\.example\.invalid$"));
        await Assertions.Expect(page.Locator("#dial-call-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Assertions.Expect(page.Locator("#dial-pin")).ToHaveTextAsync("4321");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "sip:room-a@example.com" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("3 occurrences booked so far")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("meeting-confirmation");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download .ics" }).ClickAsync());
        var path = await download.PathAsync();
        var calendar = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;
        var master = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is null);
        Assert.Equal("Weekly planning", master.Summary);
        Assert.Equal(day.ToDateTime(new TimeOnly(10, 0)), master.DtStart!.Value);
        Assert.Equal(day.ToDateTime(new TimeOnly(10, 45)), master.DtEnd!.Value);
        Assert.Equal(Ical.Net.FrequencyType.Weekly, master.RecurrenceRule!.Frequency);
        Assert.Equal(3, master.RecurrenceRule.Count);
        Assert.Equal((await page.Locator("#dial-uri").TextContentAsync())!.Trim(), master.Location);
        Assert.Contains("PIN: 4321", master.Description);
        Assert.Equal(session.UserName, master.Organizer!.CommonName);
    }

    [Fact(Timeout = 120_000)]
    public async Task BookingForm_EveryPlaceholderTaken_ShowsTheConflictNamingIt()
    {
        var (bridgeId, placeholders) = await Bookings.DemoBridgeAsync(browser);
        var day = Bookings.OwnDay(browser);
        var start = day.ToDateTime(new TimeOnly(14, 0));
        for (var i = 0; i < placeholders; i++)
        {
            await Bookings.BookAsync(browser.Convene.Client(), $"Filler {i}", start, TimeSpan.FromHours(1), bridgeId);
        }
        // A booker who sees times in Tokyo's zone books in UTC: the refusal's times are shown in Tokyo's.
        await using var session = await browser.SignInAsync(Role.Booker, "/account/time-zone");
        var page = session.Page;
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Asia/Tokyo");
        await page.GotoAsync($"/meetings/new?bridgeId={bridgeId}&start={Bookings.Iso(day)}T14:00");

        await page.GetByLabel("Title").FillAsync("Too late");
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        var problem = page.Locator("#booking-problem");
        await Assertions.Expect(problem).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(problem).ToContainTextAsync("No placeholder is free for the whole meeting.");
        await Assertions.Expect(problem).ToContainTextAsync("Filler");
        // The hold starts at 13:55 UTC (5 minutes' early join): 22:55 in Tokyo.
        await Assertions.Expect(problem).ToContainTextAsync($"needs a placeholder from {Bookings.Iso(day)} 22:55:00 Asia/Tokyo");
        await Assertions.Expect(problem).Not.ToContainTextAsync("Z ");
        Assert.EndsWith("/meetings/new", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Too late");
    }

    [Fact(Timeout = 60_000)]
    public async Task BookingForm_EndBeforeStart_ShowsTheErrorNextToTheEnd()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, $"/meetings/new?start={Bookings.Iso(day)}T10:00");
        var page = session.Page;

        await page.GetByLabel("Title").FillAsync("Backwards");
        await page.GetByLabel("End time (instead of a duration)").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        var error = page.Locator("#end-error");
        await Assertions.Expect(error).ToHaveTextAsync("The end is before the start.");
        await Assertions.Expect(error).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(page.GetByLabel("End time (instead of a duration)")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("end-error"));
        await Assertions.Expect(page.Locator("#title-error")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task BookingForm_BadParticipantAddress_ShowsTheErrorOnItsRowAndBooksNothing()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, $"/meetings/new?start={Bookings.Iso(day)}T11:00");
        var page = session.Page;

        await page.GetByLabel("Title").FillAsync("With a typo");
        await page.GetByLabel("Participant 1 address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a participant row" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Participant 3 address")).ToBeVisibleAsync();
        await page.GetByLabel("Participant 2 joins by").SelectOptionAsync("dialIn");
        await page.GetByLabel("Participant 2 name").FillAsync("Guest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        await Assertions.Expect(page.Locator("[id='participants[0].address-error']")).ToContainTextAsync("is not a dial-out address");
        await Assertions.Expect(page.GetByLabel("Participant 1 address")).ToHaveValueAsync("not an address");
        await Assertions.Expect(page.GetByLabel("Participant 2 name")).ToHaveValueAsync("Guest");
        Assert.EndsWith("/meetings/new", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task BookingForm_DatesLeftOutOfAMeetingThatDoesNotRepeat_ShowsTheErrorInTheOpenedFoldAndBooksNothing()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, $"/meetings/new?start={Bookings.Iso(day)}T13:00");
        var page = session.Page;

        await page.GetByLabel("Title").FillAsync("One-off with exceptions");
        await page.Locator("summary", new() { HasText = "Repeat options" }).ClickAsync();
        await page.GetByLabel("Leave out these dates").FillAsync(Bookings.Iso(day.AddDays(7)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        var error = page.Locator("#exceptionDates-error");
        await Assertions.Expect(error).ToContainTextAsync("need a meeting that repeats");
        await Assertions.Expect(page.GetByLabel("Leave out these dates")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        Assert.EndsWith("/meetings/new", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task BookingForm_EnterInTheTitle_BooksRatherThanAddingARow()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, $"/meetings/new?start={Bookings.Iso(day)}T16:00");
        var page = session.Page;

        await page.GetByLabel("Title").FillAsync("Booked with Enter");
        await page.GetByLabel("Title").PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The meeting is booked");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booked with Enter", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task BookingForm_OperatorBooksForABooker_TheBookerOrganizesIt()
    {
        var day = Bookings.OwnDay(browser);
        var (booker, password) = await browser.CreateUserAsync(Role.Booker);
        await using var session = await browser.SignInAsync(Role.Operator, $"/meetings/new?start={Bookings.Iso(day)}T12:00");
        var page = session.Page;

        await page.GetByLabel("Title").FillAsync($"For {booker}");
        await page.GetByLabel("Book for (user name; empty for yourself)").FillAsync(booker);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book meeting" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The meeting is booked");
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        await using var theirs = await browser.OpenAsync($"/signin?returnUrl=/meetings/{id}");
        await ConveneBrowser.SignInWithFormAsync(theirs.Page, booker, password);
        await Assertions.Expect(theirs.Page.GetByRole(AriaRole.Heading, new() { Name = $"For {booker}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(theirs.Page.Locator("dt:has-text('Organizer') + dd")).ToHaveTextAsync(booker);
    }
}
