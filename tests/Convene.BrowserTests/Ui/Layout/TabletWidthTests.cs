using Convene.Accounts;
using Convene.BrowserTests.Meetings;

namespace Convene.BrowserTests.Ui.Layout;

/// <summary>Every main page is usable on a 768-px-wide tablet: nothing makes the page wider than the screen (wide
/// tables scroll inside their own region) and the navigation stays on screen.</summary>
[Collection(SharedBrowser.Name)]
public sealed class TabletWidthTests(ConveneBrowser browser)
{
    [Fact(Timeout = 120_000)]
    public async Task MainPages_At768PixelsWide_FitTheScreenWidth()
    {
        var (bridgeId, _) = await Bookings.DemoBridgeAsync(browser);
        await using var session = await browser.SignInAsync(Role.Administrator);
        var page = session.Page;
        await page.SetViewportSizeAsync(768, 1024);
        string[] paths = ["/", "/bridges", $"/bridges/{bridgeId}", $"/bridges/{bridgeId}/settings", $"/bridges/{bridgeId}/placeholders",
            "/meetings", "/meetings/new", "/calendar", "/live", "/tickets", "/users", "/settings", "/account/password"];
        var tooWide = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Tickets", Exact = true }))
                .ToBeInViewportAsync();
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 768)
            {
                tooWide.Add($"{path} ({width} px)");
            }
        }
        Assert.True(tooWide.Count == 0, $"Wider than the 768-px screen: {string.Join(", ", tooWide)}");
    }
}
