using Convene.Accounts;

namespace Convene.BrowserTests.Settings;

/// <summary>The demo's marking on the home page (<c>Ui/Components/Admin/SimulatedClusterPanel.razor</c>).</summary>
[Collection(SharedBrowser.Name)]
public sealed class SimulatedClusterPanelTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task Home_Demo_MarksTheClusterSimulatedWithNodeLinksThatOpen()
    {
        await using var viewer = await browser.SignInAsync(Role.Viewer);
        var page = viewer.Page;
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Simulated cluster" });

        await Assertions.Expect(panel).ToContainTextAsync("not a real Cisco Meeting Server");
        var nodes = panel.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Node ") });
        await Assertions.Expect(nodes).ToHaveCountAsync(2); // Convene:Demo:Nodes defaults to 2
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("home-demo");

        var first = (await nodes.First.InnerTextAsync())["Node ".Length..];
        await nodes.First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(first);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spaces" })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Home_DemoForABooker_SaysSimulatedButLinksNoNodePage()
    {
        await using var booker = await browser.SignInAsync(Role.Booker);
        var panel = booker.Page.GetByRole(AriaRole.Region, new() { Name = "Simulated cluster" });

        await Assertions.Expect(panel).ToContainTextAsync("not a real Cisco Meeting Server");
        await Assertions.Expect(panel.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
    }
}
