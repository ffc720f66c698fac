using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Demo;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Demo;

/// <summary>The demo (<c>Convene:Demo:SimulatedCluster</c>) survives restarts: every start has a fresh
/// simulated cluster, and the stored demo bridge is attached to it with its placeholders.</summary>
public abstract class DemoClusterTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Start_TwiceOnOneDatabase_ReattachesTheBridgeToTheNewClusterWithItsPlaceholders()
    {
        var database = await NewDatabaseAsync();
        Guid first;
        await using (var convene = ConveneFactory.Start(database, Demo))
        {
            first = await AssertHealthyAsync(convene);
        }

        var again = StartConvene(database, Demo);

        Assert.Equal(first, await AssertHealthyAsync(again));
        // The re-attached bridge claims what the fresh cluster says of itself: adding that cluster by hand is refused.
        var seed = again.Services.GetRequiredService<DemoCluster>().Simulator!.Nodes[0];
        using var add = await again.Client().PostAsJsonAsync("/api/bridges",
            new { address = seed.ApiUrl.GetLeftPart(UriPartial.Authority), username = seed.Username, password = seed.Password }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, add.StatusCode);
        Assert.Contains("already managed as Simulated CMS", await add.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_AfterTheDemoBridgeWasRemovedWithForce_AddsItAgain()
    {
        var database = await NewDatabaseAsync();
        Guid removed;
        await using (var convene = ConveneFactory.Start(database, Demo))
        {
            removed = await AssertHealthyAsync(convene);
            var removal = convene.Client().DeleteAsync($"/api/bridges/{removed}?force=true", Ct);
            await convene.Clock.RunUntilAsync(removal, ConveneFactory.SyncPoll);
            using var response = await removal;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, await convene.DbAsync(db => db.DemoBridges.CountAsync(Ct)));
        }

        var again = StartConvene(database, Demo);

        Assert.NotEqual(removed, await AssertHealthyAsync(again));
    }

    private static void Demo(IDictionary<string, string?> settings)
    {
        settings["Convene:Demo:SimulatedCluster"] = "true";
        settings["Convene:Demo:BasePort"] = "0"; // tests run side by side
    }

    /// <summary>One bridge, attached to this start's simulated cluster, with placeholders 1000–1049 that
    /// are on it, every node reachable and no open ticket.</summary>
    private static async Task<Guid> AssertHealthyAsync(ConveneFactory convene)
    {
        var demo = convene.Services.GetRequiredService<DemoCluster>();
        var simulator = demo.Simulator!;
        var id = Assert.NotNull(demo.BridgeId);
        await convene.ProvisioningIdleAsync(id);
        var client = convene.Client();
        using (var refresh = await client.PostAsync($"/api/bridges/{id}/status/refresh", null, Ct))
        {
            Assert.True(refresh.IsSuccessStatusCode, $"The status refresh answered {(int)refresh.StatusCode}.");
        }

        var bridge = Assert.Single((await client.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
        Assert.Equal((id, "Simulated CMS", BridgeState.Active, ProvisioningState.Complete), (bridge.Id, bridge.Name, bridge.State, bridge.Provisioning));
        Assert.Equal(simulator.Nodes.Select(n => (n.Name, n.CallBridgeId, n.ApiUrl.GetLeftPart(UriPartial.Authority), (bool?)true)).Order(),
            bridge.Nodes.Select(n => (n.Name, n.CallBridgeId!, n.ApiAddress!, n.Reachable)).Order());
        await Placeholders.ProvisioningRecoveryTests.AssertPlaceholdersMatchTheBridgeAsync(client, simulator, id, Enumerable.Range(1000, 50).Select(n => (long)n).ToArray());
        Assert.Equal(50, (await simulator.SpacesAsync()).Count);
        Assert.Empty((await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{id}/tickets?state=Open", Ct))!);
        return id;
    }
}

public sealed class DemoClusterTests_Sqlite() : DemoClusterTests(DatabaseKind.Sqlite, null);

public sealed class DemoClusterTests_Postgres(PostgresServer postgres) : DemoClusterTests(DatabaseKind.Postgres, postgres);
