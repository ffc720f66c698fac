using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

/// <summary>A call bridge group spreads new calls and participants over its members by load.</summary>
public sealed class CallBridgeGroupPlacementTests
{
    [Fact]
    public async Task PostCall_WithABalancingGroup_StartsOnTheLeastLoadedMember()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time, 3);
        using var core1 = sim.Api(0);
        using var core2 = sim.Api(1);
        using var core3 = sim.Api(2);
        var group = await GroupAsync(core1, sim, "loadBalancingEnabled=true", 0, 1);
        var busy = await core1.CreateCallAsync(await core1.CreateSpaceAsync("busy"));
        await core1.DialOutAsync(busy, "a@example.com");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        var first = await core1.CreateAsync("/api/v1/calls", $"name=first&callBridgeGroup={group}", "/api/v1/calls/");
        await core1.DialOutAsync(busy, "b@example.com");
        var second = await core1.CreateAsync("/api/v1/calls", $"name=second&callBridgeGroup={group}", "/api/v1/calls/");

        // core1 carries a connected leg, so core2 (the other member, idle) takes both calls; core3 is
        // not a member and takes none.
        Assert.Equal("first", (await core2.GetAsync($"/api/v1/calls/{first}")).Value("name"));
        Assert.Equal("second", (await core2.GetAsync($"/api/v1/calls/{second}")).Value("name"));
        Assert.Equal(0, (await core3.GetAsync("/api/v1/calls")).Total());
    }

    [Fact]
    public async Task PostCall_GroupOfIdleMembers_PrefersTheNodeAskedWhenItIsAMember()
    {
        await using var sim = await StartAsync(new FakeTimeProvider(), 2);
        using var core2 = sim.Api(1);
        var group = await GroupAsync(core2, sim, "loadBalancingEnabled=true", 0, 1);

        var call = await core2.CreateAsync("/api/v1/calls", $"name=here&callBridgeGroup={group}");

        Assert.Equal("here", (await core2.GetAsync($"/api/v1/calls/{call}")).Value("name"));
    }

    [Fact]
    public async Task PostParticipant_WithAnOutgoingBalancingGroup_LandsOnTheLeastLoadedMember()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time, 2);
        using var core1 = sim.Api(0);
        using var core2 = sim.Api(1);
        var group = await GroupAsync(core1, sim, "loadBalanceOutgoingCalls=true", 0, 1);
        var call = await core1.CreateCallAsync(await core1.CreateSpaceAsync("room"));
        await core1.DialOutAsync(call, "local@example.com");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        var id = await core1.CreateAsync($"/api/v1/calls/{call}/participants", $"remoteParty=far@example.com&callBridgeGroup={group}");

        Assert.Equal(sim.Nodes[1].CallBridgeId, (await core1.GetAsync($"/api/v1/participants/{id}")).Value("callBridge"));
        Assert.Equal(1, (await core2.GetAsync("/api/v1/calls")).Total());
    }

    [Theory]
    [InlineData("calls", "name=x")]
    [InlineData("calls/{call}/participants", "remoteParty=far@example.com")]
    public async Task Placement_GroupThatDoesNotBalance_IsRefusedLoadBalancingDisabled(string path, string form)
    {
        await using var sim = await StartAsync(new FakeTimeProvider(), 2);
        using var http = sim.Api();
        var group = await GroupAsync(http, sim, "name=still", 0, 1);
        var call = await http.CreateAsync("/api/v1/calls", "name=existing");

        await http.RefusedAsync(HttpMethod.Post, "/api/v1/" + path.Replace("{call}", call, StringComparison.Ordinal),
            $"{form}&callBridgeGroup={group}", HttpStatusCode.BadRequest, "loadBalancingDisabled");
    }

    [Fact]
    public async Task Placement_GroupWithEveryMemberDown_IsRefusedCallBridgeGroupUnavailable()
    {
        await using var sim = await StartAsync(new FakeTimeProvider(), 2);
        using var http = sim.Api();
        using var control = sim.Control();
        var group = await GroupAsync(http, sim, "loadBalancingEnabled=true", 1);
        (await control.PostAsync("sim/nodes/CallBridge-Core2/down", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await http.RefusedAsync(HttpMethod.Post, "/api/v1/calls", $"name=x&callBridgeGroup={group}", HttpStatusCode.BadRequest, "callBridgeGroupUnavailable");
    }

    /// <summary>Creates a group with <paramref name="flags"/> and puts the given nodes in it.</summary>
    private static async Task<string> GroupAsync(CmsHttp http, CmsSimulatorHost sim, string flags, params int[] members)
    {
        var group = await http.CreateAsync("/api/v1/callBridgeGroups", $"name=g&{flags}");
        foreach (var member in members)
        {
            await http.PutAsync($"/api/v1/callBridges/{sim.Nodes[member].CallBridgeId}", $"callBridgeGroup={group}");
        }
        return group;
    }

    private static Task<CmsSimulatorHost> StartAsync(FakeTimeProvider time, int nodes) => Sim.StartAsync(time, o =>
    {
        o.Nodes = nodes;
        o.RingAfter = TimeSpan.FromSeconds(1);
        o.AnswerAfter = TimeSpan.FromSeconds(1);
    });
}
