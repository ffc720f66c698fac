using Convene.Cms.Cdr;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for the outbound dial plan: rules and dial transforms CRUD, a dial-out
/// that no rule routes failing with <c>unknownDestination</c>, and a transform's rewrite showing in
/// <c>remoteParty</c> while <c>originalRemoteParty</c> keeps the address the API was given.</summary>
public sealed class OutboundRoutingContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OutboundDialPlanRules_CreateReadUpdateDelete_RoundTrip()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var bridge = cluster.Host.Nodes[1].CallBridgeId;

        var id = await client.CreateOutboundDialPlanRuleAsync(new OutboundDialPlanRuleChanges
        {
            Domain = "partner.example.com", Priority = 10, LocalContactDomain = "cms.example.com", SipProxy = "sbc.example.com",
            Scope = DialPlanScope.CallBridge, CallBridge = bridge, FailureAction = DialPlanFailureAction.Continue,
        }, Ct);
        var created = await client.GetOutboundDialPlanRuleAsync(id, Ct);
        await client.UpdateOutboundDialPlanRuleAsync(id, new OutboundDialPlanRuleChanges
        {
            Priority = 20, Scope = DialPlanScope.Global, SipProxy = CmsParam.Clear, TrunkType = TrunkType.Lync,
        }, Ct);
        var changed = await client.GetOutboundDialPlanRuleAsync(id, Ct);
        var listed = await client.ListOutboundDialPlanRulesAsync(new OutboundDialPlanRuleFilter("partner"), Ct).ToListAsync(Ct);
        await client.DeleteOutboundDialPlanRuleAsync(id, Ct);
        var gone = await Assert.ThrowsAsync<CmsApiException>(() => client.GetOutboundDialPlanRuleAsync(id, Ct));

        Assert.Equal(new CmsOutboundDialPlanRule(id, "partner.example.com", 10, "cms.example.com", null, "sbc.example.com", TrunkType.Sip,
            DialPlanFailureAction.Continue, SipControlEncryption.Auto, DialPlanScope.CallBridge, bridge, null, null, DialPlanCallRouting.Default), created);
        Assert.Equal((20, DialPlanScope.Global, (string?)null, TrunkType.Lync), (changed.Priority, changed.Scope, changed.SipProxy, changed.TrunkType));
        Assert.Equal(id, Assert.Single(listed).Id);
        Assert.Equal((CmsErrorKind.NotFound, "outboundDialPlanRuleDoesNotExist"), (gone.Kind, Assert.Single(gone.Reasons).Name));
    }

    [Fact]
    public async Task DialOutAsync_NoRuleRoutesTheDomain_LegEndsWithUnknownDestination()
    {
        var time = new FakeTimeProvider();
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        await client.CreateOutboundDialPlanRuleAsync(new OutboundDialPlanRuleChanges { Domain = "example.com" }, Ct);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var routed = await client.DialOutAsync(callId, new DialOut("room4@example.com"), Ct);
        var unrouted = await client.DialOutAsync(callId, new DialOut("room9@elsewhere.org"), Ct);
        SimulatorSeed.Answer(time);

        var end = await cdrs.WaitForAsync<CmsCdrCallLegEnd>(e => e.CallLegId == unrouted);
        Assert.Equal("unknownDestination", end.Reason);
        Assert.Equal(CallLegState.Connected, (await client.GetCallLegAsync(routed, Ct)).Status?.State);
        var gone = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallLegAsync(unrouted, Ct));
        Assert.Equal("callLegDoesNotExist", Assert.Single(gone.Reasons).Name);
    }

    [Fact]
    public async Task DialTransforms_CreateReadUpdateDelete_RoundTrip()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateDialTransformAsync(new DialTransformChanges
        {
            Type = DialTransformType.Strip, Match = "($1/^9/)", Transform = "$1{/^9//}", Priority = 5,
        }, Ct);
        var created = await client.GetDialTransformAsync(id, Ct);
        await client.UpdateDialTransformAsync(id, new DialTransformChanges { Action = DialTransformAction.Deny, Transform = CmsParam.Clear }, Ct);
        var changed = await client.GetDialTransformAsync(id, Ct);
        var listed = await client.ListDialTransformsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var bad = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateDialTransformAsync(new DialTransformChanges { Match = "($1/[/)" }, Ct));
        await client.DeleteDialTransformAsync(id, Ct);
        var gone = await Assert.ThrowsAsync<CmsApiException>(() => client.GetDialTransformAsync(id, Ct));

        Assert.Equal(new CmsDialTransform(id, DialTransformType.Strip, "($1/^9/)", "$1{/^9//}", 5, DialTransformAction.Accept), created);
        Assert.Equal(new CmsDialTransform(id, DialTransformType.Strip, "($1/^9/)", null, 5, DialTransformAction.Deny), changed);
        Assert.Equal(id, Assert.Single(listed).Id);
        Assert.Equal(new CmsFailureReason("parameterError", "match", "invalidValue"), Assert.Single(bad.Reasons));
        Assert.Equal("dialTransformDoesNotExist", Assert.Single(gone.Reasons).Name);
    }

    [Fact]
    public async Task DialOutAsync_TransformStripsTheAccessCode_RemotePartyRewrittenOriginalKept()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateDialTransformAsync(new DialTransformChanges { Match = "($1/^9/)", Transform = "$1{/^9(.*)$/\\1/}", Priority = 1 }, Ct);
        await client.CreateOutboundDialPlanRuleAsync(new OutboundDialPlanRuleChanges { Domain = "example.com" }, Ct);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("9room4@example.com"), Ct);
        SimulatorSeed.Answer(time);
        var leg = await client.GetCallLegAsync(legId, Ct);
        var summary = Assert.Single(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(("room4@example.com", "9room4@example.com"), (leg.RemoteParty, leg.OriginalRemoteParty));
        Assert.Equal(("room4@example.com", "9room4@example.com"), (summary.RemoteParty, summary.OriginalRemoteParty));
        Assert.Equal(CallLegState.Connected, leg.Status?.State);
    }
}
