using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

/// <summary>Dial-outs through the outbound dial plan and the dial transforms.</summary>
public sealed class OutboundRoutingTests
{
    [Fact]
    public async Task DialOut_NoRuleMatchesTheDomain_FailsUnknownDestinationBeforeRinging()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var http = sim.Api();
        await http.CreateAsync("/api/v1/outboundDialPlanRules", "domain=*.com");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var matched = await http.DialOutAsync(call, "alice@example.com");
        var unmatched = await http.DialOutAsync(call, "bob@example.org");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("ringing", await http.LegStateAsync(matched));
        Assert.Null(await http.LegStateAsync(unmatched));
    }

    [Theory]
    [InlineData(false, "connected")]
    [InlineData(true, null)]
    public async Task DialOut_WithoutAnyRule_DialsDirectlyUnlessTheDialPlanIsRequired(bool required, string? state)
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time, o => o.RequireOutboundDialPlan = required);
        using var http = sim.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var leg = await http.DialOutAsync(call, "alice@example.com");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(state, await http.LegStateAsync(leg));
    }

    [Fact]
    public async Task DialOut_RuleScopedToAnotherCallBridge_DoesNotRouteFromThisOne()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var core1 = sim.Api(0);
        using var core2 = sim.Api(1);
        await core1.CreateAsync("/api/v1/outboundDialPlanRules", $"domain=example.com&scope=callBridge&callBridge={sim.Nodes[1].CallBridgeId}");
        var space = await core1.CreateSpaceAsync("room");
        var onCore1 = await core1.CreateCallAsync(space);
        var onCore2 = await core2.CreateCallAsync(space);

        var fromCore1 = await core1.DialOutAsync(onCore1, "alice@example.com");
        var fromCore2 = await core2.DialOutAsync(onCore2, "bob@example.com");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await core1.LegStateAsync(fromCore1));
        Assert.Equal("ringing", await core2.LegStateAsync(fromCore2));
    }

    [Fact]
    public async Task DialOut_RuleOfAnotherTenant_DoesNotRouteThisTenantsCalls()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var http = sim.Api();
        var mine = await http.CreateAsync("/api/v1/tenants", "name=mine");
        var theirs = await http.CreateAsync("/api/v1/tenants", "name=theirs");
        await http.CreateAsync("/api/v1/outboundDialPlanRules", $"domain=example.com&tenant={theirs}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room", $"tenant={mine}"));

        var leg = await http.DialOutAsync(call, "alice@example.com");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await http.LegStateAsync(leg));
    }

    [Fact]
    public async Task DialOut_DialTransformRewritesTheAddress_RemotePartyIsRewrittenOriginalKept()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var http = sim.Api();
        // Strip the outside-line 9 from an all-digit number and send it to the gateway's domain.
        await http.CreateAsync("/api/v1/dialTransforms", "type=strip&priority=5&match=" + Uri.EscapeDataString(@"($1/^9\d{6,}$/)")
            + "&transform=" + Uri.EscapeDataString("$1{/^9//}@gw.example.com"));
        await http.CreateAsync("/api/v1/dialTransforms", "type=raw&priority=1&match=" + Uri.EscapeDataString("($1/^9/)") + "&transform=never");
        await http.CreateAsync("/api/v1/outboundDialPlanRules", "domain=gw.example.com&sipProxy=gw.example.com");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var legId = await http.DialOutAsync(call, "9-555-0100");

        var leg = await http.GetAsync($"/api/v1/callLegs/{legId}");
        Assert.Equal("5550100@gw.example.com", leg.Value("remoteParty"));
        Assert.Equal("9-555-0100", leg.Value("originalRemoteParty"));
        var listed = Assert.Single((await http.GetAsync("/api/v1/callLegs")).Elements("callLeg"));
        Assert.Equal(("5550100@gw.example.com", "9-555-0100"), (listed.Value("remoteParty"), listed.Value("originalRemoteParty")));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("ringing", await http.LegStateAsync(legId));
    }

    [Fact]
    public async Task DialOut_DenyTransformMatches_FailsUnknownDestination()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var http = sim.Api();
        await http.CreateAsync("/api/v1/dialTransforms", "match=" + Uri.EscapeDataString("($1/^900/)") + "&action=deny");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var denied = await http.DialOutAsync(call, "900123@example.com");
        var allowed = await http.DialOutAsync(call, "100123@example.com");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await http.LegStateAsync(denied));
        Assert.Equal("ringing", await http.LegStateAsync(allowed));
    }

    [Fact]
    public async Task DialOut_ParticipantThroughATransform_ShowsTheOriginalUri()
    {
        var time = new FakeTimeProvider();
        await using var sim = await StartAsync(time);
        using var http = sim.Api();
        await http.CreateAsync("/api/v1/dialTransforms", "match=" + Uri.EscapeDataString(@"($1/^\d+$/)") + "&transform=" + Uri.EscapeDataString("$1@pstn.example.com"));
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var id = await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=5550100");

        XElement participant = await http.GetAsync($"/api/v1/participants/{id}");
        Assert.Equal("5550100@pstn.example.com", participant.Value("uri"));
        Assert.Equal("5550100", participant.Value("originalUri"));
    }

    private static Task<CmsSimulatorHost> StartAsync(FakeTimeProvider time, Action<CmsSimulatorOptions>? configure = null) => Sim.StartAsync(time, o =>
    {
        o.RingAfter = TimeSpan.FromSeconds(1);
        o.AnswerAfter = TimeSpan.FromSeconds(1);
        configure?.Invoke(o);
    });
}
