using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>One CMS is managed once: known by what it says of itself, claimed in the database before
/// anything is made on it, so concurrent or disguised adds of it are refused with a 409 naming the bridge.</summary>
public abstract class BridgeIdentityTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Add_ThreeAtOnceOfOneStandaloneCms_OneIsAddedTheOthersAre409AndOneCallProfileIsMade()
    {
        var cms = await StartStandaloneAsync();
        var convene = await StartConveneAsync();
        var client = convene.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync("/api/bridges", AddRequest(cms), Ct)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var added = (await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.Equal($"{AddressOf(cms)} is already managed as {added.DisplayName}.", problem.Title);
            Assert.EndsWith("/already-managed", problem.Type, StringComparison.Ordinal);
        }
        var requests = await RequestsAsync(cms);
        Assert.Single(requests, r => r.Line == "POST /api/v1/callProfiles");
        Assert.Single(requests, r => r.Line == "POST /api/v1/callLegProfiles");
        Assert.Single((await client.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_AfterTheBridgeWasRemoved_IsAddedAgain()
    {
        var cms = await StartStandaloneAsync();
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var first = await AddBridgeAsync(client, cms);
        using (var removed = await client.DeleteAsync($"/api/bridges/{first.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        var again = await AddBridgeAsync(client, cms);

        Assert.NotEqual(first.Id, again.Id);
        Assert.All(await convene.DbAsync(db => db.BridgeIdentities.ToListAsync(Ct)), i => Assert.Equal(again.Id, i.BridgeId));
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_BridgeAddedBeforeIdentitiesWereKept_IsGivenItsIdentity()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var bridge = await AddBridgeAsync(convene.Client(), cluster);
        var keys = await convene.DbAsync(db => db.BridgeIdentities.Select(i => i.Key).OrderBy(k => k).ToListAsync(Ct));
        await convene.DbAsync(db => db.BridgeIdentities.ExecuteDeleteAsync(Ct));

        var restarted = StartConvene(convene.Database);
        var response = await restarted.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster, 1), Ct);

        await ProblemAsync(response, HttpStatusCode.Conflict);
        var claimed = await restarted.DbAsync(db => db.BridgeIdentities.OrderBy(i => i.Key).ToListAsync(Ct));
        Assert.All(claimed, i => Assert.Equal(bridge.Id, i.BridgeId));
        // All but the seed's hostId, which only the CMS can say.
        Assert.Equal(keys.Where(k => !k.StartsWith("host:", StringComparison.Ordinal)), claimed.Select(i => i.Key));
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_LocalhostNextTo127001_Returns409()
    {
        var cms = await StartStandaloneAsync();
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var added = await AddBridgeAsync(client, cms);
        var localhost = $"http://localhost:{cms.Nodes[0].ApiUrl.Port}";

        var response = await client.PostAsJsonAsync("/api/bridges", AddRequest(cms) with { Address = localhost }, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal($"{localhost} is already managed as {added.DisplayName}.", problem.Title);
        Assert.DoesNotContain("cluster", problem.Title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_CmsThatSaysNothingOfItself_IsKnownByItsResolvedAddress()
    {
        await using var cms = await CannedCms.StandaloneAsync();
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var added = await client.PostAsJsonAsync("/api/bridges", new AddBridge(cms.Address, "admin", "secret"), Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var response = await client.PostAsJsonAsync("/api/bridges", new AddBridge($"http://localhost:{cms.Port}", "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains($"is already managed as No Name ({cms.Address})", problem.Title, StringComparison.Ordinal);
        var keys = await convene.DbAsync(db => db.BridgeIdentities.Select(i => i.Key).ToListAsync(Ct));
        Assert.Equal([$"address:127.0.0.1:{cms.Port}"], keys);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_AnotherNodeOfAManagedCluster_SaysClusteredAndNamesTheBridge()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Lisbon core", null, null, null));

        var response = await client.PostAsJsonAsync("/api/bridges", AddRequest(cluster, 1), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal($"{AddressOf(cluster, 1)} is part of a clustered call bridge already managed as Lisbon core (added through {AddressOf(cluster)}).", problem.Title);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_NodeWithoutAUniqueName_IsNamedByItsAddress()
    {
        await using var cms = await CannedCms.StandaloneAsync("<cluster><uniqueName/><participantLimit>1000</participantLimit></cluster>");
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(cms.Address, "admin", "secret"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bridge = (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
        Assert.Equal(cms.Address, Assert.Single(bridge.Nodes).Name);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_ClusterNodeWhoseNameIsBlank_IsNamedByItsAddress()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        using (var cms = cluster.Client())
        {
            await cms.UpdateCallBridgeAsync(cluster.Nodes[1].CallBridgeId, new Cms.CallBridgeChanges { Name = " " }, Ct);
        }
        var convene = await StartConveneAsync();

        var bridge = await AddBridgeAsync(convene.Client(), cluster);

        var second = Assert.Single(bridge.Nodes, n => n.CallBridgeId == cluster.Nodes[1].CallBridgeId);
        Assert.Equal(second.ApiAddress, second.Name);
        Assert.False(second.IsSeed);
    }

    /// <summary>A single CMS that is not clustered: its callBridges table is empty.</summary>
    private async Task<CmsSimulatorHost> StartStandaloneAsync()
    {
        var cms = await StartClusterAsync(1);
        using var client = cms.Client();
        await client.DeleteCallBridgeAsync(cms.Nodes[0].CallBridgeId, Ct);
        return cms;
    }
}

public sealed class BridgeIdentityTests_Sqlite() : BridgeIdentityTests(DatabaseKind.Sqlite, null);

public sealed class BridgeIdentityTests_Postgres(PostgresServer postgres) : BridgeIdentityTests(DatabaseKind.Postgres, postgres);
