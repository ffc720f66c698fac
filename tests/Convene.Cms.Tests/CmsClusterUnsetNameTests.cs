using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests;

/// <summary>Discovery against answers shaped like a real CMS whose cluster configuration leaves
/// <c>uniqueName</c> unset (<c>&lt;uniqueName/&gt;</c>): the seed is found by its address, and a node
/// without a name is named by its address.</summary>
public sealed class CmsClusterUnsetNameTests
{
    private const string SeedId = "2f6c0b1e-8d3a-4c5e-9b7f-1a2b3c4d5e6f";
    private const string PeerId = "7e8d9c0b-1a2f-4e3d-8c5b-6a7f8e9d0c1b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiscoverAsync_UniqueNameUnset_FindsTheSeedByItsAddress()
    {
        var answers = new Dictionary<string, string>();
        await using var server = await CannedServer.RoutesAsync(answers);
        answers["/api/v1/system/configuration/cluster"] = "<cluster><uniqueName/><peerLinkBitRate/><participantLimit/></cluster>";
        answers["/api/v1/callBridges"] = $"""
            <callBridges total="2"><callBridge id="{PeerId}"><name/></callBridge><callBridge id="{SeedId}"><name>cms-east</name></callBridge></callBridges>
            """;
        answers[$"/api/v1/callBridges/{PeerId}"] = $"<callBridge id=\"{PeerId}\"><name></name><address>https://10.20.0.2:445</address><sipDomain/></callBridge>";
        answers[$"/api/v1/callBridges/{SeedId}"] =
            $"<callBridge id=\"{SeedId}\"><name>cms-east</name><address>https://{server.Address.Authority}</address><sipDomain/></callBridge>";

        using var cluster = await CmsCluster.DiscoverAsync(new CmsEndpoint(server.Address, "admin", "s3cret-Pa55"),
            options: new CmsClientOptions { MaxRetries = 0 }, cancellationToken: Ct);

        Assert.Equal(SeedId, cluster.Seed.CallBridgeId);
        Assert.Equal("cms-east", cluster.Seed.Name);
        var peer = Assert.Single(cluster.Nodes, n => !n.IsSeed);
        Assert.Equal("10.20.0.2:445", peer.Name);
    }

    [Fact]
    public async Task DiscoverAsync_StandaloneWithUniqueNameUnset_NamedByItsAddress()
    {
        var answers = new Dictionary<string, string>
        {
            ["/api/v1/system/configuration/cluster"] = "<cluster><uniqueName/></cluster>",
            ["/api/v1/callBridges"] = "<callBridges total=\"0\"/>",
        };
        await using var server = await CannedServer.RoutesAsync(answers);

        using var cluster = await CmsCluster.DiscoverAsync(new CmsEndpoint(server.Address, "admin", "s3cret-Pa55"),
            options: new CmsClientOptions { MaxRetries = 0 }, cancellationToken: Ct);

        var node = Assert.Single(cluster.Nodes);
        Assert.True(node.IsSeed);
        Assert.Equal(server.Address.Authority, node.Name);
    }

    [Fact]
    public async Task DiscoverAsync_NeitherNameNorAddressMatches_ThrowsInvalidResponse()
    {
        var answers = new Dictionary<string, string>
        {
            ["/api/v1/system/configuration/cluster"] = "<cluster><uniqueName>   </uniqueName></cluster>",
            ["/api/v1/callBridges"] = $"<callBridges total=\"1\"><callBridge id=\"{PeerId}\"><name>cms-west</name></callBridge></callBridges>",
            [$"/api/v1/callBridges/{PeerId}"] = $"<callBridge id=\"{PeerId}\"><name>cms-west</name><address>https://10.20.0.2:445</address></callBridge>",
        };
        await using var server = await CannedServer.RoutesAsync(answers);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => CmsCluster.DiscoverAsync(new CmsEndpoint(server.Address, "admin", "s3cret-Pa55"),
            options: new CmsClientOptions { MaxRetries = 0 }, cancellationToken: Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("uniqueName is unset", error.Message, StringComparison.Ordinal);
    }
}
