using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests;

/// <summary>outboundDialPlanRules and system/profiles over a canned bridge (the simulator does not serve them
/// yet): the requests the client sends.</summary>
public sealed class CmsClientOutboundDialPlanRulesTests
{
    private const string Rule = "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b";
    private const string Group = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    private const string Profile = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateUpdateDelete_SendFormsInCmsSpelling()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            ["POST /api/v1/outboundDialPlanRules"] = $"/api/v1/outboundDialPlanRules/{Rule}",
        }, requests);
        using var client = server.Client();

        var id = await client.CreateOutboundDialPlanRuleAsync(new OutboundDialPlanRuleChanges
        {
            Domain = "*.example.com", Priority = 10, LocalFromDomain = "video.example.com", SipProxy = "vcs.example.com",
            TrunkType = TrunkType.Sip, FailureAction = DialPlanFailureAction.Continue, SipControlEncryption = SipControlEncryption.Auto,
            Scope = DialPlanScope.CallBridgeGroup, CallBridgeGroup = Group, CallRouting = DialPlanCallRouting.Default,
        }, Ct);
        await client.UpdateOutboundDialPlanRuleAsync(id, new OutboundDialPlanRuleChanges { SipProxy = CmsParam.Clear, Priority = 5 }, Ct);
        await client.DeleteOutboundDialPlanRuleAsync(id, Ct);

        Assert.Equal(Rule, id);
        Assert.Equal(
        [
            new CannedRequest("POST", "/api/v1/outboundDialPlanRules",
                "domain=*.example.com&priority=10&localFromDomain=video.example.com&sipProxy=vcs.example.com&trunkType=sip&failureAction=continue" +
                $"&sipControlEncryption=auto&scope=callBridgeGroup&callBridgeGroup={Group}&callRouting=default"),
            new CannedRequest("PUT", $"/api/v1/outboundDialPlanRules/{Rule}", "priority=5&sipProxy="),
            new CannedRequest("DELETE", $"/api/v1/outboundDialPlanRules/{Rule}", ""),
        ], requests);
    }

    [Fact]
    public async Task CreateOutboundDialPlanRuleAsync_NoDomain_ThrowsWithoutARequest()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>());
        using var client = server.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOutboundDialPlanRuleAsync(new OutboundDialPlanRuleChanges { Priority = 1 }, Ct));

        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task ListOutboundDialPlanRulesAsync_Filters_SentAndEntriesRead()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            ["/api/v1/outboundDialPlanRules"] = $"""
                <outboundDialPlanRules total="1"><outboundDialPlanRule id="{Rule}"><domain>example.com</domain><priority>0</priority></outboundDialPlanRule></outboundDialPlanRules>
                """,
        }, requests);
        using var client = server.Client();

        var rules = await client.ListOutboundDialPlanRulesAsync(new OutboundDialPlanRuleFilter("example", Group), Ct).ToListAsync(Ct);

        var rule = Assert.Single(rules);
        Assert.Equal(("example.com", 0), (rule.Domain, rule.Priority));
        Assert.Equal($"/api/v1/outboundDialPlanRules?filter=example&tenantFilter={Group}&offset=0&limit=50", Assert.Single(requests).Target);
    }

    [Fact]
    public async Task UpdateSystemProfilesAsync_SetAndClear_SendsOnlyThose()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>(), requests);
        using var client = server.Client();

        await client.UpdateSystemProfilesAsync(new SystemProfilesChanges { CallLegProfile = Profile.ToUpperInvariant(), DtmfProfile = CmsParam.Clear }, Ct);

        Assert.Equal(new CannedRequest("PUT", "/api/v1/system/profiles", $"callLegProfile={Profile}&dtmfProfile="), Assert.Single(requests));
    }

    [Fact]
    public async Task UpdateSystemProfilesAsync_NotAnId_ThrowsWithoutARequest()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>());
        using var client = server.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateSystemProfilesAsync(new SystemProfilesChanges { CallProfile = "default" }, Ct));

        Assert.Equal(0, server.Requests);
    }
}
