using System.Net;
using Convene.Accounts;

namespace Convene.BrowserTests.Bridges;

[Collection(SharedBrowser.Name)]
public sealed class BridgeRoleTests(ConveneBrowser browser)
{
    [Fact(Timeout = 90_000)]
    public async Task BridgePages_Viewer_SeesNoAddBridgeAcknowledgeOrSave()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await using var session = await browser.SignInAsync(Role.Viewer, "/bridges");
        var page = session.Page;

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = bridge.DisplayName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add bridge" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/bridges/{bridge.Id}");
        await Assertions.Expect(page.GetByText("Blank System Name")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/bridges/{bridge.Id}/settings");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/bridges/{bridge.Id}/clustering");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save preferred node" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/bridges/{bridge.Id}/connection");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save connection" })).ToHaveCountAsync(0);
        await page.GotoAsync("/tickets");
        await Assertions.Expect(page.GetByText("Blank System Name").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        await page.GotoAsync("/bridges/add");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/denied"));
    }

    [Fact(Timeout = 90_000)]
    public async Task SettingsForm_PostedByAViewer_IsRefusedAndChangesNothing()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await using var session = await browser.SignInAsync(Role.Viewer, $"/bridges/{bridge.Id}/settings");
        var page = session.Page;

        // The form a Viewer gets (its antiforgery token included), enabled and sent as if it had a Save button.
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("""
            () => {
              const form = document.querySelector('form.settings');
              form.querySelectorAll('fieldset').forEach(f => f.disabled = false);
              form.querySelector('#name').value = 'Renamed by a viewer';
              form.submit();
            }
            """), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only administrators change a bridge's settings.");
        var stored = await browser.Convene.DbAsync(db => db.Bridges.FindAsync([bridge.Id], TestContext.Current.CancellationToken).AsTask());
        Assert.Null(stored!.Name);
    }
}
