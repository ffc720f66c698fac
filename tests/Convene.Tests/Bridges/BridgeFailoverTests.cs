using Convene.Bridges;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>Better than TMS's single alternate address: every discovered node is usable; operations go to
/// the preferred node and move on to any node that answers.</summary>
public abstract class BridgeFailoverTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Provision_SeedNodeDown_IsDoneThroughAnotherNode()
    {
        var cluster = await StartSharedPasswordClusterAsync(3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await cluster.TakeDownAsync("CallBridge-Core1");

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Failover", "video.example.com", 300, 4));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var provisioned = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Complete, provisioned.Provisioning);
        var requests = await RequestsAsync(cluster);
        var bulk = Assert.Single(requests, r => r.Line == "POST /api/v1/cospaceBulkParameterSets");
        Assert.NotEqual("CallBridge-Core1", bulk.Node);
        using var second = cluster.Client(1);
        var spaces = await second.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(4, spaces.Count(s => s.Name!.StartsWith("TMS_Scheduled_Meeting_3", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Provision_PreferredNode_TakesTheOperations()
    {
        var cluster = await StartSharedPasswordClusterAsync(3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var third = bridge.Nodes.Single(n => n.Name == "CallBridge-Core3");

        var saved = await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Preferred", "video.example.com", 400, 2, PreferredNodeId: third.Id));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.True(saved.Nodes.Single(n => n.Id == third.Id).IsPreferred);
        var requests = await RequestsAsync(cluster);
        Assert.All(requests.Where(r => r.Line.Contains("cospaceBulk", StringComparison.Ordinal)), r => Assert.Equal("CallBridge-Core3", r.Node));
        Assert.Contains(requests, r => r.Node == "CallBridge-Core3" && r.Line == "POST /api/v1/cospaceBulkSyncs");
    }

    [Fact(Timeout = 60_000)]
    public async Task Provision_EveryNodeDown_FailsWithATicketAndKeepsNothingHalfDone()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await cluster.TakeDownAsync("CallBridge-Core1");
        await cluster.TakeDownAsync("CallBridge-Core2");

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Dark", "video.example.com", 600, 2));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var failed = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Failed, failed.Provisioning);
        Assert.Contains("could not be reached", failed.ProvisioningError, StringComparison.Ordinal);
        Assert.Empty(await convene.DbAsync(db => db.Placeholders.Where(p => p.BridgeId == bridge.Id).ToListAsync(Ct)));
        var ticket = await convene.DbAsync(db => db.Tickets.SingleAsync(t => t.BridgeId == bridge.Id && t.Type == TicketType.PlaceholderProvisioningFailed, Ct));
        Assert.Equal(TicketState.Open, ticket.State);
    }
}

public sealed class BridgeFailoverTests_Sqlite() : BridgeFailoverTests(DatabaseKind.Sqlite, null);

public sealed class BridgeFailoverTests_Postgres(PostgresServer postgres) : BridgeFailoverTests(DatabaseKind.Postgres, postgres);
