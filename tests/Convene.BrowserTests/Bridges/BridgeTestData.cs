using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Bridges;

/// <summary>Bridges the browser tests add beside the demo's: a simulated cluster of their own (as
/// Convene.Tests' ServiceTest starts one), added through the API, with numeric ranges no other test uses.</summary>
public static class BridgeTestData
{
    private static int _ranges;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A simulated cluster; with <paramref name="sharedPassword"/> every node takes the first node's credentials.</summary>
    public static Task<CmsSimulatorHost> StartClusterAsync(int nodes = 2, bool sharedPassword = false) =>
        CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = nodes;
            if (sharedPassword)
            {
                o.Password = "one-password-for-every-node";
            }
        }, cancellationToken: Ct);

    /// <summary>What an administrator types as the address of a node: scheme, host and port.</summary>
    public static string AddressOf(CmsSimulatorHost cluster, int node = 0) => cluster.Nodes[node].ApiUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Adds the cluster through <c>POST /api/bridges</c> (through <paramref name="node"/>), as the administrator.</summary>
    public static async Task<BridgeDto> AddBridgeAsync(ConveneBrowser browser, CmsSimulatorHost cluster, int node = 0)
    {
        var request = new AddBridge(AddressOf(cluster, node), cluster.Nodes[node].Username, cluster.Nodes[node].Password);
        var response = await browser.Convene.Client().PostAsJsonAsync("/api/bridges", request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Adding the bridge answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
    }

    /// <summary>A numeric ID base whose range of up to 1000 no other test (nor the demo) uses.</summary>
    public static long UniqueBase() => 60_000_000 + (Interlocked.Increment(ref _ranges) * 1000L);

    /// <summary>A number unique in this test run, for names.</summary>
    public static int Unique() => Interlocked.Increment(ref _ranges);

    /// <summary>The demo's simulated bridge.</summary>
    public static Task<Guid> DemoBridgeIdAsync(ConveneBrowser browser) =>
        browser.Convene.DbAsync(db => db.DemoBridges.OrderBy(d => d.BridgeId).Select(d => d.BridgeId).FirstAsync(Ct));

    /// <summary>Polls the bridge's status now (<c>POST /api/bridges/{id}/status/refresh</c>).</summary>
    public static async Task RefreshStatusAsync(ConveneBrowser browser, Guid bridgeId)
    {
        var response = await browser.Convene.Client().PostAsync($"/api/bridges/{bridgeId}/status/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
