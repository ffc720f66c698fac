using Convene.Accounts;
using Convene.BrowserTests.Meetings;

namespace Convene.BrowserTests.Ui.Layout;

/// <summary>Every main page is usable on a 768-px-wide tablet: nothing makes the page wider than the screen (wide
/// tables scroll inside their own region) and the navigation stays on screen.</summary>
[Collection(SharedBrowser.Name)]
public sealed class TabletWidthTests(ConveneBrowser browser)
{
    // The first element that reaches past the screen outside any scrolling region (or positioned out of one), with its ancestors up to main: tag, class, overflow-x, width.
    private const string Culprits = """
        () => {
            const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
            const wide = [...document.querySelectorAll('body *')].find(e => e.getBoundingClientRect().right > window.innerWidth + 1
                && (!clipped(e) || ['absolute', 'fixed'].includes(getComputedStyle(e).position)));
            const chain = [];
            for (let e = wide; e && e.tagName !== 'BODY'; e = e.parentElement) {
                chain.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : '')
                    + '[' + getComputedStyle(e).overflowX + ' ' + getComputedStyle(e).position + ' ' + Math.round(e.getBoundingClientRect().width) + 'px]');
            }
            return chain.join(' < ');
        }
        """;

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
                // Name the outermost elements that reach past the screen, for the failure message.
                var culprits = await page.EvaluateAsync<string>(Culprits);
                tooWide.Add($"{path} ({width} px: {culprits})");
            }
        }
        Assert.True(tooWide.Count == 0, $"Wider than the 768-px screen: {string.Join(", ", tooWide)}");
    }
}
