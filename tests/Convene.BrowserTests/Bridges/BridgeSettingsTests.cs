using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Bridges;

namespace Convene.BrowserTests.Bridges;

[Collection(SharedBrowser.Name)]
public sealed class BridgeSettingsTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task Settings_InvalidValues_ShowTheErrorsBesideTheirFieldsAndSaveNothing()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await using var session = await browser.SignInAsync(Role.Administrator, $"/bridges/{bridge.Id}/settings");
        var page = session.Page;

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Porto");
        await page.GetByLabel("Numeric ID base").FillAsync("eighty thousand");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#numericIdBase-error")).ToContainTextAsync("must be a whole number");

        await page.GetByLabel("Numeric ID base").FillAsync("");
        await page.GetByLabel("Domain").FillAsync("not a domain");
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#domain-error")).ToContainTextAsync("is not a domain name");
        await Assertions.Expect(page.Locator("#timeZone-error")).ToContainTextAsync("is not an IANA time zone");
        await Assertions.Expect(page.GetByLabel("Domain")).ToHaveValueAsync("not a domain");
        await page.AssertAccessibleAsync();
        Assert.Null((await browser.Convene.Client().GetFromJsonAsync<BridgeDto>($"/api/bridges/{bridge.Id}", Ct))!.Name);
    }

    [Fact(Timeout = 90_000)]
    public async Task Settings_ChangedByOthersSinceThePageOpened_AreRefusedAsAConflict()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await using var session = await browser.SignInAsync(Role.Administrator, $"/bridges/{bridge.Id}/settings");
        var page = session.Page;
        var patched = await browser.Convene.Client().PatchAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new { name = "Named elsewhere" }, Ct);
        patched.EnsureSuccessStatusCode();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Named here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed the settings");
        Assert.Equal("Named elsewhere", (await browser.Convene.Client().GetFromJsonAsync<BridgeDto>($"/api/bridges/{bridge.Id}", Ct))!.Name);
    }
}
