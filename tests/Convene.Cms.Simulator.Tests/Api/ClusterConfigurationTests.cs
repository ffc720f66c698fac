using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>system/configuration/cluster</c> as the blueprint's example answer shows it: unset values as empty elements.</summary>
public sealed class ClusterConfigurationTests
{
    [Fact]
    public async Task GetCluster_Defaults_UnsetValuesAreEmptyElementsInCmsOrder()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api(1);

        var cluster = await http.GetAsync("/api/v1/system/configuration/cluster");

        Assert.Equal(["uniqueName", "maxPeerVideoStreams", "participantLimit", "loadLimit", "newConferenceLoadLimitBasisPoints",
            "existingConferenceLoadLimitBasisPoints"], cluster.Names());
        Assert.Equal([host.Nodes[1].Name, "", "", "", "5000", "8000"], cluster.Elements().Select(e => e.Value));
        Assert.All(cluster.Elements().Where(e => e.Value.Length == 0), e => Assert.True(e.IsEmpty, $"<{e.Name}> is not an empty element"));
    }

    [Fact]
    public async Task GetCluster_NodeWithoutUniqueName_AnswersUniqueNameAsAnEmptyElement()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o =>
        {
            o.NodeOverrides["CallBridge-Core1"] = new NodeSettings { UniqueName = "" };
            o.NodeOverrides["CallBridge-Core2"] = new NodeSettings { UniqueName = "core-two" };
        });
        using var first = host.Api(0);
        using var second = host.Api(1);

        var unnamed = (await first.GetAsync("/api/v1/system/configuration/cluster")).Element("uniqueName")!;
        var named = (await second.GetAsync("/api/v1/system/configuration/cluster")).Element("uniqueName")!;

        Assert.True(unnamed.IsEmpty);
        Assert.Equal("core-two", named.Value);
    }

    [Fact]
    public async Task PutCluster_SetAndClear_SetValuesShowAndClearedOnesTurnEmpty()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();

        await http.PutAsync("/api/v1/system/configuration/cluster", "peerLinkBitRate=4000000&participantLimit=200&maxPeerVideoStreams=2");
        var set = await http.GetAsync("/api/v1/system/configuration/cluster");
        await http.PutAsync("/api/v1/system/configuration/cluster", "uniqueName=&peerLinkBitRate=&participantLimit=");
        var cleared = await http.GetAsync("/api/v1/system/configuration/cluster");

        Assert.Equal(["uniqueName", "peerLinkBitRate", "maxPeerVideoStreams", "participantLimit"], set.Names().Take(4));
        Assert.Equal(("4000000", "2", "200"), (set.Value("peerLinkBitRate"), set.Value("maxPeerVideoStreams"), set.Value("participantLimit")));
        Assert.Null(cleared.Element("peerLinkBitRate"));
        Assert.True(cleared.Element("uniqueName")!.IsEmpty);
        Assert.True(cleared.Element("participantLimit")!.IsEmpty);
    }

    [Fact]
    public async Task GetCluster_OnVersion20_HasOnlyWhat20Had()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.0(RC)");
        using var http = host.Api();

        Assert.Equal(["uniqueName", "participantLimit"], (await http.GetAsync("/api/v1/system/configuration/cluster")).Names());
    }
}
