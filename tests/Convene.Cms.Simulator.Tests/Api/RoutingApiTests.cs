using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary>callBridgeGroups, outboundDialPlanRules and dialTransforms as objects: shapes, defaults,
/// references and errors.</summary>
public sealed class RoutingApiTests
{
    [Fact]
    public async Task CallBridgeGroup_Created_ListsItsNameAndDetailsEveryFlagWithDefaults()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        var id = await http.CreateAsync("/api/v1/callBridgeGroups", "name=eu-west&loadBalancingEnabled=true", "/api/v1/callBridgeGroups/");

        var list = await http.GetAsync("/api/v1/callBridgeGroups");
        Assert.Equal("eu-west", Assert.Single(list.Elements("callBridgeGroup")).Value("name"));
        var detail = await http.GetAsync($"/api/v1/callBridgeGroups/{id}");
        Assert.Equal(
            ["name", "loadBalancingEnabled", "loadBalanceLyncCalls", "loadBalanceOutgoingCalls", "loadBalanceUserCalls", "loadBalanceIndirectCalls"],
            detail.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["eu-west", "true", "false", "false", "true", "false"], detail.Elements().Select(e => e.Value));
    }

    [Fact]
    public async Task CallBridgeGroup_MemberSetOnACallBridge_ShowsThereAndGoesWhenTheGroupIsDeleted()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var group = await http.CreateAsync("/api/v1/callBridgeGroups", "name=g");
        var bridge = sim.Nodes[1].CallBridgeId;

        await http.PutAsync($"/api/v1/callBridges/{bridge}", $"callBridgeGroup={group.ToUpperInvariant()}");
        var member = await http.GetAsync($"/api/v1/callBridges/{bridge}");
        await http.DeleteAsync($"/api/v1/callBridgeGroups/{group}");

        Assert.Equal(group, member.Value("callBridgeGroup"));
        Assert.Null((await http.GetAsync($"/api/v1/callBridges/{bridge}")).Value("callBridgeGroup"));
        await http.RefusedAsync(HttpMethod.Get, $"/api/v1/callBridgeGroups/{group}", null, HttpStatusCode.NotFound, "callBridgeGroupDoesNotExist");
    }

    [Theory]
    [InlineData("PUT", "callBridges/{bridge}", "callBridgeGroup={group}")]
    [InlineData("POST", "calls", "name=adhoc&callBridgeGroup={group}")]
    [InlineData("POST", "calls/{call}/participants", "remoteParty=desk@example.com&callBridgeGroup={group}")]
    [InlineData("POST", "outboundDialPlanRules", "domain=example.com&scope=callBridgeGroup&callBridgeGroup={group}")]
    public async Task UnknownCallBridgeGroup_Referenced_IsRefusedCallBridgeGroupDoesNotExist(string method, string path, string form)
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var call = await http.CreateAsync("/api/v1/calls", "name=existing");
        string Fill(string text) => text.Replace("{bridge}", sim.Nodes[0].CallBridgeId, StringComparison.Ordinal)
            .Replace("{call}", call, StringComparison.Ordinal).Replace("{group}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        await http.RefusedAsync(new HttpMethod(method), "/api/v1/" + Fill(path), Fill(form), HttpStatusCode.BadRequest, "callBridgeGroupDoesNotExist");

        Assert.Equal(1, (await http.GetAsync("/api/v1/calls")).Total());
        Assert.Equal(0, (await http.GetAsync("/api/v1/participants")).Total());
    }

    [Fact]
    public async Task OutboundDialPlanRule_CreatedWithADomain_HasTheDefaultsCmsShows()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        var id = await http.CreateAsync("/api/v1/outboundDialPlanRules", "domain=example.com&sipProxy=proxy.example.com",
            "/api/v1/outboundDialPlanRules/");

        var rule = await http.GetAsync($"/api/v1/outboundDialPlanRules/{id}");
        Assert.Equal("example.com", rule.Value("domain"));
        Assert.Equal("0", rule.Value("priority"));
        Assert.Equal("sip", rule.Value("trunkType"));
        Assert.Equal("auto", rule.Value("sipControlEncryption"));
        Assert.Equal("proxy.example.com", rule.Value("sipProxy"));
        Assert.Equal("stop", rule.Value("failureAction"));
        Assert.Equal("global", rule.Value("scope"));
        Assert.Equal("default", rule.Value("callRouting"));
    }

    [Fact]
    public async Task OutboundDialPlanRules_ListAndFilter_ShowDomainAndPriority()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var tenant = await http.CreateAsync("/api/v1/tenants", "name=t");
        await http.CreateAsync("/api/v1/outboundDialPlanRules", "domain=example.com&priority=10");
        var other = await http.CreateAsync("/api/v1/outboundDialPlanRules", $"domain=*.org&tenant={tenant}");
        await http.PutAsync($"/api/v1/outboundDialPlanRules/{other}", "priority=3&localFromDomain=vc.example.org");

        var all = await http.GetAsync("/api/v1/outboundDialPlanRules");
        var filtered = await http.GetAsync("/api/v1/outboundDialPlanRules?filter=org");
        var ofTenant = await http.GetAsync($"/api/v1/outboundDialPlanRules?tenantFilter={tenant}");

        Assert.Equal([("example.com", "10"), ("*.org", "3")], all.Elements("outboundDialPlanRule").Select(r => (r.Value("domain"), r.Value("priority"))));
        Assert.Equal(other, Assert.Single(filtered.Elements("outboundDialPlanRule")).Attribute("id")?.Value);
        Assert.Equal(other, Assert.Single(ofTenant.Elements("outboundDialPlanRule")).Attribute("id")?.Value);
        Assert.Equal("vc.example.org", (await http.GetAsync($"/api/v1/outboundDialPlanRules/{other}")).Value("localFromDomain"));
    }

    [Theory]
    [InlineData("priority=1", "domain")]
    [InlineData("domain=example.com&trunkType=h323", "trunkType")]
    [InlineData("domain=example.com&scope=callBridge", "callBridge")]
    [InlineData("domain=example.com&priority=high", "priority")]
    public async Task OutboundDialPlanRule_Invalid_IsRefusedNamingTheParameter(string form, string parameter)
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        await http.InvalidValueAsync(HttpMethod.Post, "/api/v1/outboundDialPlanRules", form, parameter);

        Assert.Equal(0, (await http.GetAsync("/api/v1/outboundDialPlanRules")).Total());
    }

    [Fact]
    public async Task OutboundDialPlanRule_Deleted_IsGone()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var id = await http.CreateAsync("/api/v1/outboundDialPlanRules", "domain=example.com");

        await http.DeleteAsync($"/api/v1/outboundDialPlanRules/{id}");

        await http.RefusedAsync(HttpMethod.Get, $"/api/v1/outboundDialPlanRules/{id}", null, HttpStatusCode.NotFound, "outboundDialPlanRuleDoesNotExist");
        await http.RefusedAsync(HttpMethod.Put, $"/api/v1/outboundDialPlanRules/{id}", "priority=2", HttpStatusCode.NotFound, "outboundDialPlanRuleDoesNotExist");
    }

    [Theory]
    [InlineData("match=($1/[unclosed/)", "match")]
    [InlineData("match=$1/abc/", "match")]
    [InlineData("transform=$1{/a/b}", "transform")]
    [InlineData("type=tone", "type")]
    [InlineData("action=drop", "action")]
    public async Task DialTransform_Invalid_IsRefusedNamingTheParameter(string form, string parameter)
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        await http.InvalidValueAsync(HttpMethod.Post, "/api/v1/dialTransforms", Uri.EscapeDataString(form).Replace("%3D", "=", StringComparison.Ordinal), parameter);
    }

    [Fact]
    public async Task DialTransform_Created_ListsItsTypeAndDetailsItsRule()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var form = "type=strip&match=" + Uri.EscapeDataString(@"($1/^9\+?[^+]+$/)") + "&transform=" + Uri.EscapeDataString(@"9$1{/^9//}{/\+/00/}");

        var id = await http.CreateAsync("/api/v1/dialTransforms", form, "/api/v1/dialTransforms/");

        Assert.Equal("strip", Assert.Single((await http.GetAsync("/api/v1/dialTransforms")).Elements("dialTransform")).Value("type"));
        var detail = await http.GetAsync($"/api/v1/dialTransforms/{id}");
        Assert.Equal(["type", "match", "transform", "priority", "action"], detail.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(@"9$1{/^9//}{/\+/00/}", detail.Value("transform"));
        Assert.Equal("accept", detail.Value("action"));
    }
}
