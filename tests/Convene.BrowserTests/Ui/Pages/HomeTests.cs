using Convene.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Ui.Pages;

[Collection(SharedBrowser.Name)]
public sealed class HomeTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task Home_SignedIn_CountsAndMarksTheDemoBridgeSimulated()
    {
        // Other tests of the collection add bridges of their own: count what the database holds now.
        var bridges = await browser.Convene.DbAsync(db => db.Bridges.CountAsync(TestContext.Current.CancellationToken));
        await using var session = await browser.SignInAsync(Role.Viewer);
        var page = session.Page;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".tile").First).ToContainTextAsync($"{bridges} bridges");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Simulated" })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("home");
    }

    [Fact(Timeout = 60_000)]
    public async Task Home_TabletWidth_KeepsTheNavUsable()
    {
        await using var session = await browser.SignInAsync(Role.Viewer);
        await session.Page.SetViewportSizeAsync(768, 1024);

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Tickets", Exact = true })).ToBeInViewportAsync();
        await session.Page.AssertAccessibleAsync();
    }
}
