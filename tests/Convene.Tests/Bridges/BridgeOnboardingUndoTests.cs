using System.Net;
using System.Net.Http.Json;
using Convene.Cms.Simulator;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>Adding a bridge whose profiles cannot be made keeps nothing: not the bridge in Convene, not
/// the profile it did make on the CMS.</summary>
public abstract class BridgeOnboardingUndoTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Add_CallLegProfileRefused_RemovesTheCallProfileAndKeepsNoBridge()
    {
        var cluster = await StartClusterAsync(2);
        cluster.SetFaults(cluster.Nodes[0].Name, new NodeFaults
        {
            Refusals = [new RequestRefusal { Method = "POST", PathContains = "/callLegProfiles", Status = 400, Reason = "databaseNotReady" }],
        });
        var convene = await StartConveneAsync();
        var client = convene.Client();

        using var response = await client.PostAsJsonAsync("/api/bridges", AddRequest(cluster), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("nothing was kept", problem.Title, StringComparison.Ordinal);
        Assert.Contains("databaseNotReady", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await convene.DbAsync(db => db.Bridges.CountAsync(Ct)));
        Assert.Equal(0, await convene.DbAsync(db => db.BridgeNodes.CountAsync(Ct)));
        using var cms = cluster.Client(1);
        Assert.Empty(await cms.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Empty(await cms.ListCallLegProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
        var requests = await RequestsAsync(cluster);
        Assert.Contains(requests, r => r.Line.StartsWith("DELETE /api/v1/callProfiles/", StringComparison.Ordinal));

        // Once the bridge accepts the profile, the same address can be added.
        cluster.SetFaults(cluster.Nodes[0].Name, new NodeFaults());
        var added = await AddBridgeAsync(client, cluster);
        Assert.Equal(2, added.Nodes.Count);
    }
}

public sealed class BridgeOnboardingUndoTests_Sqlite() : BridgeOnboardingUndoTests(DatabaseKind.Sqlite, null);

public sealed class BridgeOnboardingUndoTests_Postgres(PostgresServer postgres) : BridgeOnboardingUndoTests(DatabaseKind.Postgres, postgres);
