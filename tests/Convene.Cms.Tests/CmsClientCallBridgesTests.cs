namespace Convene.Cms.Tests;

public sealed class CmsClientCallBridgesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListCallBridgesAsync_ThreeNodes_ListsEveryNodeByIdAndName()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Nodes = 3);

        var bridges = await cluster.Client(1).ListCallBridgesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(cluster.Host.Nodes.Select(n => (n.CallBridgeId, n.Name)).Order(), bridges.Select(b => (b.Id, b.Name!)).Order());
        Assert.All(bridges, b => Assert.Null(b.Address));
        Assert.Equal(["GET /api/v1/callBridges?offset=0&limit=50"], await cluster.RequestsAsync(1));
    }

    [Fact]
    public async Task GetCallBridgeAsync_PeerNode_ReturnsItsApiAddressAndNullForEmptyValues()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var peer = cluster.Host.Nodes[1];

        var bridge = await cluster.Client(0).GetCallBridgeAsync(peer.CallBridgeId, Ct);

        Assert.Equal(peer.CallBridgeId, bridge.Id);
        Assert.Equal(peer.Name, bridge.Name);
        Assert.Equal(peer.ApiUrl.GetLeftPart(UriPartial.Authority), bridge.Address?.TrimEnd('/'));
        Assert.Null(bridge.SipDomain);
        Assert.Null(bridge.CallBridgeGroup);
    }

    [Fact]
    public async Task CreateCallBridgeAsync_NameAddressDomain_StoresThemAndSendsOnlyThem()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallBridgeAsync(new CallBridgeChanges { Name = "Edge-1", Address = "https://10.0.0.9:445", SipDomain = "peer.example.com" }, Ct);

        Assert.Equal("name=Edge-1&address=https%3A%2F%2F10.0.0.9%3A445&sipDomain=peer.example.com", await cluster.FormAsync("POST /api/v1/callBridges"));
        Assert.Equal(new CmsCallBridge(id, "Edge-1", "https://10.0.0.9:445", "peer.example.com", null), await client.GetCallBridgeAsync(id, Ct));
        Assert.Equal(3, await client.ListCallBridgesAsync(Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task UpdateCallBridgeAsync_OnlySipDomain_SendsOnlySipDomainAndKeepsName()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallBridgeAsync(new CallBridgeChanges { Name = "Edge-1", Address = "https://10.0.0.9" }, Ct);

        await client.UpdateCallBridgeAsync(id, new CallBridgeChanges { SipDomain = "b.example.com" }, Ct);

        Assert.Equal("sipDomain=b.example.com", await cluster.FormAsync($"PUT /api/v1/callBridges/{id}"));
        Assert.Equal(new CmsCallBridge(id, "Edge-1", "https://10.0.0.9", "b.example.com", null), await client.GetCallBridgeAsync(id, Ct));
    }

    [Fact]
    public async Task UpdateCallBridgeAsync_ClearSipDomain_SendsItEmptyAndClearsIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallBridgeAsync(new CallBridgeChanges { Name = "Edge-1", SipDomain = "a.example.com" }, Ct);

        await client.UpdateCallBridgeAsync(id, new CallBridgeChanges { SipDomain = CmsParam.Clear }, Ct);

        Assert.Equal("sipDomain=", await cluster.FormAsync($"PUT /api/v1/callBridges/{id}"));
        Assert.Null((await client.GetCallBridgeAsync(id, Ct)).SipDomain);
    }

    [Fact]
    public async Task DeleteCallBridgeAsync_ThenGet_IsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallBridgeAsync(new CallBridgeChanges { Name = "Edge-1" }, Ct);

        await client.DeleteCallBridgeAsync(id, Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallBridgeAsync(id, Ct));
        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.True(error.HasReason("callBridgeDoesNotExist"));
    }

    [Fact]
    public async Task CreateCallBridgeAsync_NameOfANode_IsDuplicate()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CmsApiException>(() =>
            cluster.Client().CreateCallBridgeAsync(new CallBridgeChanges { Name = cluster.Host.Nodes[1].Name }, Ct));

        Assert.Equal(CmsErrorKind.Duplicate, error.Kind);
        Assert.True(error.HasReason("duplicateCallBridgeName"));
    }
}
