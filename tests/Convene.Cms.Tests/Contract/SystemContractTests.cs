using Convene.Cms.Simulator;

namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator: unset values written as empty elements in the cluster
/// configuration, discovery of a seed whose unique name is unset, <c>hostId</c>, and the CDR receiver
/// list's <c>maximum</c>.</summary>
public sealed class SystemContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void NoUniqueNameOnTheSeed(CmsSimulatorOptions options) =>
        options.NodeOverrides["CallBridge-Core1"] = new NodeSettings { UniqueName = "" };

    [Fact]
    public async Task GetClusterConfigurationAsync_UniqueNameUnset_IsNullNotEmpty()
    {
        await using var cluster = await SimulatedCluster.StartAsync(NoUniqueNameOnTheSeed);

        var configuration = await cluster.Client().GetClusterConfigurationAsync(Ct);

        Assert.Null(configuration.UniqueName);
        Assert.Null(configuration.PeerLinkBitRate);
        Assert.Equal("CallBridge-Core2", (await cluster.Client(1).GetClusterConfigurationAsync(Ct)).UniqueName);
    }

    [Fact]
    public async Task DiscoverAsync_SeedsUniqueNameUnset_FindsTheSeedByItsAddress()
    {
        await using var cluster = await SimulatedCluster.StartAsync(NoUniqueNameOnTheSeed);
        var nodes = cluster.Host.Nodes;

        using var cms = await CmsCluster.DiscoverAsync(cluster.Endpoint(0),
            node => nodes.Where(n => n.CallBridgeId == node.CallBridgeId).Select(n => new CmsEndpoint(n.ApiUrl, n.Username, n.Password, name: n.Name))
                .SingleOrDefault(),
            new CmsClientOptions { MaxRetries = 0 }, cancellationToken: Ct);

        Assert.Equal(nodes[0].CallBridgeId, cms.Seed.CallBridgeId);
        Assert.Equal("CallBridge-Core1", cms.Seed.Name);
        Assert.Equal(2, cms.Nodes.Count);
    }

    [Fact]
    public async Task GetSystemStatusAsync_EachNode_HasItsOwnHostId()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var first = await cluster.Client(0).GetSystemStatusAsync(Ct);
        var second = await cluster.Client(1).GetSystemStatusAsync(Ct);

        Assert.False(string.IsNullOrWhiteSpace(first.HostId));
        Assert.NotEqual(first.HostId, second.HostId);
    }

    [Fact]
    public async Task GetCdrReceiversAsync_FourReceivers_MaximumFourAndTheFifthRefused()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var ids = new List<string>();
        for (var port = 9001; port <= 9004; port++)
        {
            ids.Add(await client.CreateCdrReceiverAsync(new Uri($"http://127.0.0.1:{port}/cdr"), Ct));
        }

        var receivers = await client.GetCdrReceiversAsync(Ct);
        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateCdrReceiverAsync(new Uri("http://127.0.0.1:9005/cdr"), Ct));

        Assert.Equal(4, receivers.Maximum);
        Assert.Equal(ids.Order(), receivers.Receivers.Select(r => r.Id).Order());
        Assert.Equal("tooManyCdrReceivers", Assert.Single(error.Reasons).Name);
        Assert.Equal(4, (await client.GetCdrReceiversAsync(Ct)).Receivers.Count);
    }
}
