using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.BrowserTests.Meetings;

[Collection(SharedBrowser.Name)]
public sealed class EditPageTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task EditForm_ByTheOrganizer_SavesTitleAndPinThroughTheChangeCode()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, "/meetings");
        var page = session.Page;
        var id = await Bookings.BookAsync(browser.Convene.Client(session.UserName, session.Password), "Before", day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromMinutes(30));
        await page.GotoAsync($"/meetings/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Before");
        await Assertions.Expect(page.GetByLabel("Duration (minutes)")).ToHaveValueAsync("30");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("meeting-edit");

        await page.GetByLabel("Title").FillAsync("After");
        await page.GetByLabel("PIN (optional)").FillAsync("98765");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The changes were saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "After", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dial-pin")).ToHaveTextAsync("98765");
    }

    [Fact(Timeout = 60_000)]
    public async Task EditForm_MeetingChangedMeanwhile_ShowsThe412AndChangesNothing()
    {
        var day = Bookings.OwnDay(browser);
        await using var session = await browser.SignInAsync(Role.Booker, "/meetings");
        var page = session.Page;
        var client = browser.Convene.Client(session.UserName, session.Password);
        var id = await Bookings.BookAsync(client, "Original", day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromMinutes(30));
        await page.GotoAsync($"/meetings/{id}/edit");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/meetings/{id}") { Content = JsonContent.Create(new { title = "Changed elsewhere" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await client.SendAsync(patch, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await page.GetByLabel("Title").FillAsync("Mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed since");
        await page.GotoAsync($"/meetings/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Changed elsewhere");
    }

    [Fact(Timeout = 60_000)]
    public async Task EditForm_AnotherBookersMeeting_IsNotFound()
    {
        var (other, password) = await browser.CreateUserAsync(Role.Booker);
        var id = await Bookings.BookAsync(browser.Convene.Client(other, password), "Theirs", Bookings.OwnDay(browser).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromMinutes(30));
        await using var session = await browser.SignInAsync(Role.Booker, $"/meetings/{id}/edit");

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"No meeting {id}.");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToHaveCountAsync(0);
    }
}
