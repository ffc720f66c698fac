using Convene.Cms.Simulator;

namespace Convene.Cms.Tests;

public sealed class CmsClusterTests
{
    private static readonly CmsClientOptions Quick = new() { RetryDelay = TimeSpan.Zero, MaxRetries = 1 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiscoverAsync_TwoNodes_FindsBothWithAddressesAndMarksTheSeed()
    {
        await using var sim = await SimulatedCluster.StartAsync();

        using var cms = await DiscoverAsync(sim, seed: 0);

        Assert.Equal(sim.Host.Nodes.Select(n => (n.CallBridgeId, n.Name)).Order(), cms.Nodes.Select(n => (n.CallBridgeId!, n.Name)).Order());
        Assert.Equal(sim.Host.Nodes[0].Name, cms.Seed.Name);
        Assert.Single(cms.Nodes, n => n.IsSeed);
        Assert.All(cms.Nodes, n => Assert.Equal(sim.Host.Nodes.Single(s => s.Name == n.Name).ApiUrl.Port, n.Address?.Port));
        Assert.All(cms.Nodes, n => Assert.True(cms.CanReach(n)));
    }

    [Fact]
    public async Task DiscoverAsync_ThreeNodesFromTheThird_SeedIsTheThirdAndEveryNodeAnswersAsItself()
    {
        await using var sim = await SimulatedCluster.StartAsync(o => o.Nodes = 3);

        using var cms = await DiscoverAsync(sim, seed: 2);

        Assert.Equal(3, cms.Nodes.Count);
        Assert.Equal(sim.Host.Nodes[2].Name, cms.Seed.Name);
        foreach (var node in sim.Host.Nodes)
        {
            Assert.Equal(node.Name, (await cms.Client(node.Name).GetClusterConfigurationAsync(Ct)).UniqueName);
        }
        var requests = await sim.RequestsAsync(2);
        Assert.Equal("GET /api/v1/system/configuration/cluster", requests[0]);
        Assert.Equal("GET /api/v1/callBridges?offset=0&limit=50", requests[1]);
        Assert.Equal(3, requests.Count(r => r.StartsWith("GET /api/v1/callBridges/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Client_ByCallBridgeIdOrName_ReturnsThatNodesClient()
    {
        await using var sim = await SimulatedCluster.StartAsync(o => o.Nodes = 3);
        using var cms = await DiscoverAsync(sim, seed: 0);
        var second = sim.Host.Nodes[1];

        var byId = cms.Client(second.CallBridgeId.ToUpperInvariant());
        var byName = cms.Client(second.Name.ToLowerInvariant());

        Assert.Same(byId, byName);
        Assert.Equal(second.Name, byId.Endpoint.Name);
        Assert.Equal(second.Username, byId.Endpoint.Username);
        Assert.Equal(second.Name, (await byId.GetClusterConfigurationAsync(Ct)).UniqueName);
    }

    [Fact]
    public async Task Client_UnknownNode_ThrowsArgumentException()
    {
        await using var sim = await SimulatedCluster.StartAsync();
        using var cms = await DiscoverAsync(sim, seed: 0);

        Assert.Throws<ArgumentException>(() => cms.Client("CallBridge-Elsewhere"));
    }

    [Fact]
    public async Task ProbeAsync_AllUp_EveryNodeReachableWithItsStatus()
    {
        await using var sim = await SimulatedCluster.StartAsync(o => o.Nodes = 3);
        using var cms = await DiscoverAsync(sim, seed: 0);

        var health = await cms.ProbeAsync(Ct);

        Assert.Equal(3, health.Count);
        Assert.All(health, h =>
        {
            Assert.True(h.Reachable);
            Assert.Null(h.Error);
            Assert.Equal("3.9.2", h.Status?.SoftwareVersion);
        });
    }

    [Fact]
    public async Task ProbeAsync_OneNodeDown_ThatNodeUnreachableWithConnectionError()
    {
        await using var sim = await SimulatedCluster.StartAsync(o => o.Nodes = 3);
        using var cms = await DiscoverAsync(sim, seed: 0);
        var down = sim.Host.Nodes[1].Name;
        await sim.Host.TakeDownAsync(down);

        var health = await cms.ProbeAsync(Ct);

        var failed = Assert.Single(health, h => !h.Reachable);
        Assert.Equal(down, failed.Node.Name);
        Assert.Equal(CmsErrorKind.Connection, failed.Error);
        Assert.Null(failed.Status);
        Assert.Contains(down, failed.Detail, StringComparison.Ordinal);
        Assert.Equal(2, health.Count(h => h.Reachable && h.Status is not null));
    }

    [Fact]
    public async Task DiscoverAsync_NoEndpointForPeersWithOwnPasswords_PeersFailAuthentication()
    {
        await using var sim = await SimulatedCluster.StartAsync();

        using var cms = await CmsCluster.DiscoverAsync(sim.Endpoint(0), options: Quick, cancellationToken: Ct);

        var health = await cms.ProbeAsync(Ct);
        Assert.True(health.Single(h => h.Node.IsSeed).Reachable);
        var peer = health.Single(h => !h.Node.IsSeed);
        Assert.Equal(CmsErrorKind.Authentication, peer.Error);
        Assert.DoesNotContain(sim.Host.Nodes[0].Password, peer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_SeedDown_ThrowsConnection()
    {
        await using var sim = await SimulatedCluster.StartAsync();
        var seed = sim.Endpoint(0);
        await sim.Host.TakeDownAsync(sim.Host.Nodes[0].Name);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => CmsCluster.DiscoverAsync(seed, options: Quick, cancellationToken: Ct));

        Assert.Equal(CmsErrorKind.Connection, error.Kind);
    }

    private static Task<CmsCluster> DiscoverAsync(SimulatedCluster sim, int seed)
    {
        var nodes = sim.Host.Nodes;
        return CmsCluster.DiscoverAsync(sim.Endpoint(seed), node => EndpointOf(nodes.Single(n => n.CallBridgeId == node.CallBridgeId)),
            Quick, cancellationToken: Ct);
    }

    private static CmsEndpoint EndpointOf(SimulatedNode node) => new(node.ApiUrl, node.Username, node.Password, name: node.Name);
}
