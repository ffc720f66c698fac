using System.Net;
using System.Net.Http.Json;
using Convene.Cms;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>Which entry of the callBridges table is the node a bridge was added through.</summary>
public abstract class BridgeSeedNodeTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Add_UniqueNameNotInTheTable_FindsTheSeedByItsAddress()
    {
        var cluster = await StartClusterAsync(2);
        await SetUniqueNameAsync(cluster, 1, "renamed-locally");
        var convene = await StartConveneAsync();

        var bridge = await AddBridgeAsync(convene.Client(), cluster, node: 1);

        var seed = Assert.Single(bridge.Nodes, n => n.IsSeed);
        Assert.Equal("CallBridge-Core2", seed.Name);
        Assert.Equal(AddressOf(cluster, 1), seed.ApiAddress);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_TableThatDoesNotListTheNode_Returns422AndKeepsNothing()
    {
        var cluster = await StartClusterAsync(2);
        await SetUniqueNameAsync(cluster, 0, "renamed-locally");
        using (var cms = cluster.Client())
        {
            await cms.UpdateCallBridgeAsync(cluster.Nodes[0].CallBridgeId, new CallBridgeChanges { Address = "http://127.0.0.1:1" }, Ct);
        }
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("none of them this one", problem.Title, StringComparison.Ordinal);
        Assert.Equal(0, await convene.DbAsync(db => db.Bridges.CountAsync(Ct)));
        using var check = cluster.Client();
        Assert.Empty(await check.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    private static async Task SetUniqueNameAsync(Convene.Cms.Simulator.CmsSimulatorHost cluster, int node, string name)
    {
        var n = cluster.Nodes[node];
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{n.Username}:{n.Password}")));
        using var content = new StringContent($"uniqueName={name}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PutAsync(new Uri(n.ApiUrl, "/api/v1/system/configuration/cluster"), content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class BridgeSeedNodeTests_Sqlite() : BridgeSeedNodeTests(DatabaseKind.Sqlite, null);

public sealed class BridgeSeedNodeTests_Postgres(PostgresServer postgres) : BridgeSeedNodeTests(DatabaseKind.Postgres, postgres);
