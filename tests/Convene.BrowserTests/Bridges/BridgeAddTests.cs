using System.Text.RegularExpressions;
using Convene.Accounts;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Bridges;

[Collection(SharedBrowser.Name)]
public sealed partial class BridgeAddTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task AddBridge_ThroughTheForm_ShowsItsTicketsAndTheSettingsTabClearsThem()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 2, sharedPassword: true);
        await using var session = await browser.SignInAsync(Role.Administrator, "/bridges");
        var page = session.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Systems" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridges");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add bridge" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/bridges/add$"));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-add");
        await page.GetByLabel("Address").FillAsync(BridgeTestData.AddressOf(cluster));
        await page.GetByLabel("API user name").FillAsync(cluster.Nodes[0].Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(cluster.Nodes[0].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add bridge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was added");
        var found = page.GetByRole(AriaRole.Table, new() { Name = "Systems found" });
        await Assertions.Expect(found).ToContainTextAsync("System added despite warnings");
        await Assertions.Expect(found).ToContainTextAsync("Cisco Meeting Server");
        await Assertions.Expect(found).ToContainTextAsync("Blank System Name");
        await Assertions.Expect(found.GetByRole(AriaRole.Link, new() { Name = $"No Name ({BridgeTestData.AddressOf(cluster)})" })).ToBeVisibleAsync();
        Assert.DoesNotContain(cluster.Nodes[0].Password, await page.ContentAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-add-result");

        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the bridge" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BridgePath());
        var bridgeId = Guid.Parse(BridgePath().Match(page.Url).Groups[1].Value);
        // Two polls a minute apart: the status graphs have a line to draw.
        await BridgeTestData.RefreshStatusAsync(browser, bridgeId);
        browser.Convene.Clock.Advance(TimeSpan.FromMinutes(1));
        await BridgeTestData.RefreshStatusAsync(browser, bridgeId);
        await page.ReloadAsync();
        var tickets = page.GetByRole(AriaRole.Table, new() { Name = "Open and acknowledged tickets of this bridge" });
        await Assertions.Expect(tickets).ToContainTextAsync("Blank System Name");
        await Assertions.Expect(tickets).ToContainTextAsync("Dial Number Configuration Error");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Active call legs" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Book conference with this system" }))
            .ToHaveAttributeAsync("href", $"/meetings/new?bridgeId={bridgeId}");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-summary");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Bridge tabs" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var unique = BridgeTestData.Unique();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Lisbon {unique}");
        await page.GetByLabel("Domain").FillAsync($"lisbon{unique}.example.com");
        await page.GetByLabel("Numeric ID base").FillAsync(BridgeTestData.UniqueBase().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Numeric ID quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The settings were saved.");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-settings");
        await browser.Convene.ProvisioningIdleAsync(bridgeId);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Bridge tabs" }).GetByRole(AriaRole.Link, new() { Name = "Summary" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Lisbon {unique}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This system is free of errors and warnings.")).ToBeVisibleAsync();
        Assert.Equal(0, await browser.Convene.DbAsync(db => db.Tickets.CountAsync(t => t.BridgeId == bridgeId && t.State != TicketState.Resolved, Ct)));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Bridge tabs" }).GetByRole(AriaRole.Link, new() { Name = "Placeholders" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 placeholders; 3 free now")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-placeholders");
    }

    [Fact(Timeout = 90_000)]
    public async Task AddBridge_NodeOfAClusterAlreadyAdded_ShowsTheRefusal()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 2);
        var added = await BridgeTestData.AddBridgeAsync(browser, cluster, node: 0);
        await using var session = await browser.SignInAsync(Role.Administrator, "/bridges/add");
        var page = session.Page;

        await page.GetByLabel("Address").FillAsync(BridgeTestData.AddressOf(cluster, 1));
        await page.GetByLabel("API user name").FillAsync(cluster.Nodes[1].Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(cluster.Nodes[1].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add bridge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"is part of a clustered call bridge already managed as {added.DisplayName}");
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await page.AssertAccessibleAsync();
        Assert.Equal(1, await browser.Convene.DbAsync(db => db.BridgeNodes.CountAsync(n => n.ApiAddress!.Contains(cluster.Nodes[1].ApiUrl.Authority) , Ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task AddBridge_BadAddress_ShowsTheErrorBesideTheField()
    {
        await using var session = await browser.SignInAsync(Role.Administrator, "/bridges/add");
        var page = session.Page;

        await page.GetByLabel("Address").FillAsync("admin:secret@cms.example.com");
        await page.GetByLabel("API user name").FillAsync("api");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add bridge" }).ClickAsync();

        await Assertions.Expect(page.Locator("#address-error")).ToContainTextAsync("must not carry a user name or password");
        await Assertions.Expect(page.GetByLabel("Address")).ToHaveAttributeAsync("aria-describedby", "address-help address-error");
    }

    [GeneratedRegex("/bridges/([0-9a-f-]{36})$")]
    private static partial Regex BridgePath();
}
