using Convene.Accounts;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Tickets;

[Collection(SharedBrowser.Name)]
public sealed class TicketListTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task Tickets_Operator_AcknowledgesOneAndTheOpenFilterLeavesItOut()
    {
        await using var cluster = await Bridges.BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await Bridges.BridgeTestData.AddBridgeAsync(browser, cluster);
        var ticket = await browser.Convene.DbAsync(db => db.Tickets.SingleAsync(t => t.BridgeId == bridge.Id && t.Type == TicketType.BlankSystemName, Ct));
        await using var session = await browser.SignInAsync(Role.Operator, $"/tickets?bridge={bridge.Id}");
        var page = session.Page;
        await Assertions.Expect(page.GetByText("2 tickets match.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("tickets");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge ticket {ticket.Id}: Blank System Name" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Blank System Name" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = $"Acknowledged by {session.UserName}" })).ToBeVisibleAsync();
        var stored = await browser.Convene.DbAsync(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id, Ct));
        Assert.Equal((TicketState.Acknowledged, session.UserName), (stored.State, stored.AcknowledgedBy));

        await page.GetByLabel("State").SelectOptionAsync("Open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1 tickets match.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dial Number Configuration Error" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Blank System Name" })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tickets_UnknownState_SaysSoAndShowsEveryState()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/tickets?state=99");

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'99' is not a ticket state");
    }

    [Fact(Timeout = 90_000)]
    public async Task Acknowledge_PostedByAViewer_IsRefusedAndChangesNothing()
    {
        await using var cluster = await Bridges.BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await Bridges.BridgeTestData.AddBridgeAsync(browser, cluster);
        var ticket = await browser.Convene.DbAsync(db => db.Tickets.SingleAsync(t => t.BridgeId == bridge.Id && t.Type == TicketType.BlankSystemName, Ct));
        await using var session = await browser.SignInAsync(Role.Viewer, $"/tickets?bridge={bridge.Id}");
        var page = session.Page;

        // The table's form (a Viewer gets no button in it), sent with the ticket's id as an Operator's button would.
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("""
            id => {
              const form = document.querySelector('form[method=post]:has(table)');
              const input = document.createElement('input');
              input.type = 'hidden'; input.name = 'AcknowledgeId'; input.value = String(id);
              form.appendChild(input);
              form.submit();
            }
            """, ticket.Id), r => r.Request.Method == "POST");

        Assert.Equal(403, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only operators and administrators acknowledge tickets.");
        Assert.Equal(TicketState.Open, await browser.Convene.DbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.State).SingleAsync(Ct)));
    }
}
