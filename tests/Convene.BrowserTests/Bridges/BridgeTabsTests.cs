using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.Accounts;
using Convene.Bridges;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.BrowserTests.Bridges;

[Collection(SharedBrowser.Name)]
public sealed class BridgeTabsTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task ClusteringAndConnection_Administrator_ChangesThePreferredNodeAndAPinWithoutSeeingThePassword()
    {
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 2, sharedPassword: true);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await BridgeTestData.RefreshStatusAsync(browser, bridge.Id);
        var other = bridge.Nodes.Single(n => !n.IsSeed);
        await using var session = await browser.SignInAsync(Role.Administrator, $"/bridges/{bridge.Id}/clustering");
        var page = session.Page;

        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = other.Name })).ToContainTextAsync("reachable");
        await page.GetByLabel("Preferred node").SelectOptionAsync(new SelectOptionValue { Label = other.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferred node" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The preferred node was saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = other.Name })).ToContainTextAsync("preferred");
        Assert.Equal(other.Id, await browser.Convene.DbAsync(db => db.Bridges.Where(b => b.Id == bridge.Id).Select(b => b.PreferredNodeId).SingleAsync(Ct)));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-clustering");

        await page.GotoAsync($"/bridges/{bridge.Id}/connection");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Change the connection of {other.Name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Connection of {other.Name}" })).ToBeVisibleAsync();
        var pin = string.Concat(Enumerable.Repeat("AB", 32));
        await page.GetByLabel("Certificate pin (SHA-256)").FillAsync(pin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save connection" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The connection settings of {other.Name} were saved.");
        Assert.Equal(pin, await browser.Convene.DbAsync(db => db.BridgeNodes.Where(n => n.Id == other.Id).Select(n => n.CertificateSha256).SingleAsync(Ct)));
        Assert.DoesNotContain(cluster.Nodes[0].Password, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Certificate pin (SHA-256)").FillAsync("not-a-pin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("#certificateSha256-error")).ToContainTextAsync("not a SHA-256 fingerprint");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-connection");
    }

    [Fact(Timeout = 90_000)]
    public async Task Logs_LatestRequests_ShowWhatConveneSentToTheBridgeSinceItStarted()
    {
        // A bridge of its own: the demo bridge's latest 100 requests are other tests' live polling, whatever ran before.
        await using var cluster = await BridgeTestData.StartClusterAsync(nodes: 1);
        var bridge = await BridgeTestData.AddBridgeAsync(browser, cluster);
        await using var session = await browser.SignInAsync(Role.Viewer, $"/bridges/{bridge.Id}/logs");
        var latest = session.Page.GetByRole(AriaRole.Region, new() { Name = "Latest requests" });

        await Assertions.Expect(latest.Locator("tbody tr").First).ToContainTextAsync("/api/v1/");
        // Adding the bridge detected it: its status was the first request Convene sent it.
        await Assertions.Expect(latest.Locator("tbody tr").Filter(new() { HasText = "GET /api/v1/system/status" }).Last).ToBeVisibleAsync();
        var sent = browser.Convene.Services.GetRequiredService<BridgeRequestLog>().Latest(bridge.Id)
            .Select(r => $"{r.Node} {r.Method} {r.Path}").ToHashSet(StringComparer.Ordinal);
        foreach (var row in await latest.Locator("tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Contains($"{cells[1]} {cells[2]}", sent);
        }
        await session.Page.AssertAccessibleAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Logs_OfAMeetingsRequests_ShowNewestFirstWithPasscodesMasked()
    {
        var demo = await BridgeTestData.DemoBridgeIdAsync(browser);
        var start = DateTime.SpecifyKind(browser.Convene.Clock.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(10), DateTimeKind.Unspecified);
        var title = $"Logged meeting {BridgeTestData.Unique()}";
        var booked = await browser.Convene.Client().PostAsJsonAsync("/api/meetings",
            new BookMeeting(title, start, start.AddHours(1), "UTC", BridgeId: demo), Ct);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(Ct));
        var meetingId = (await booked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var time = browser.Convene.Clock.GetUtcNow();
        await browser.Convene.DbAsync(async db =>
        {
            db.MeetingEvents.Add(new MeetingEvent
            {
                MeetingId = meetingId, TimeUtc = time, Kind = MeetingEventKind.CmsRequest, Text = "POST /api/v1/coSpaces → 200",
                Node = "CallBridge-Core1", Method = "POST", Path = "/api/v1/coSpaces?passcode=4711&name=Weekly", Status = 200, LatencyMs = 12.4,
            });
            db.MeetingEvents.Add(new MeetingEvent
            {
                MeetingId = meetingId, TimeUtc = time.AddSeconds(1), Kind = MeetingEventKind.CmsRequest, Text = "DELETE /api/v1/calls/c1 → no answer",
                Node = "CallBridge-Core2", Method = "DELETE", Path = "/api/v1/calls/c1", Status = null, LatencyMs = 15000,
            });
            return await db.SaveChangesAsync(Ct);
        });
        await using var session = await browser.SignInAsync(Role.Viewer, $"/bridges/{demo}/logs");
        var page = session.Page;

        // This meeting's rows only: other tests' meetings on the demo bridge may log requests meanwhile.
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Meetings' requests" }).GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("/api/v1/calls/c1");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("no answer");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("/api/v1/coSpaces?passcode=*****&name=Weekly");
        Assert.DoesNotContain("4711", await page.ContentAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("bridge-logs");
    }
}
