using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests.Models;

/// <summary>System, cluster and group answers written from the API reference, parsed without a bridge.</summary>
public sealed class SystemParsingTests
{
    private const string Id = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    private const string Other = "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ParseAsync<T>(string path, string xml, Func<CmsClient, Task<T>> get)
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string> { [path] = xml });
        using var client = server.Client();
        return await get(client);
    }

    [Fact]
    public async Task GetCdrReceiversAsync_FourWithMaximum_ReadsAllAndTheMaximum()
    {
        var receivers = await ParseAsync("/api/v1/system/cdrReceivers", $"""
            <?xml version="1.0"?>
            <cdrReceivers total="4" maximum="4">
              <cdrReceiver id="{Id}"><uri>https://cmm.example.com/meetings/cdr/1/?token=93ec</uri></cdrReceiver>
              <cdrReceiver id="{Other}"><uri>http://convene.example.com:8444/cdr</uri></cdrReceiver>
              <cdrReceiver id="1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"><uri>https://b.example.com/cdr</uri></cdrReceiver>
              <cdrReceiver id="2c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"><uri/></cdrReceiver>
            </cdrReceivers>
            """, c => c.GetCdrReceiversAsync(Ct));

        Assert.Equal(4, receivers.Maximum);
        Assert.Equal(4, receivers.Receivers.Count);
        Assert.Equal("http://convene.example.com:8444/cdr", receivers.Receivers[1].Uri);
        Assert.Null(receivers.Receivers[3].Uri);
    }

    [Fact]
    public async Task GetSystemProfilesAsync_SetAndUnset_Read()
    {
        var profiles = await ParseAsync("/api/v1/system/profiles", $"""
            <profiles><callLegProfile>{Id}</callLegProfile><callProfile>{Other}</callProfile><dtmfProfile/><userProfile/>
              <ivrBrandingProfile></ivrBrandingProfile><callBrandingProfile>{Id}</callBrandingProfile></profiles>
            """, c => c.GetSystemProfilesAsync(Ct));

        Assert.Equal(new CmsSystemProfiles(Id, Other, null, null, null, Id, null, null, null), profiles);
    }

    [Fact]
    public async Task GetCallBridgeGroupAsync_Flags_Read()
    {
        var group = await ParseAsync($"/api/v1/callBridgeGroups/{Id}", $"""
            <callBridgeGroup id="{Id}"><name>emea</name><loadBalancingEnabled>true</loadBalancingEnabled><loadBalanceLyncCalls>false</loadBalanceLyncCalls>
              <loadBalanceOutgoingCalls>true</loadBalanceOutgoingCalls><loadBalanceUserCalls>true</loadBalanceUserCalls>
              <loadBalanceIndirectCalls>false</loadBalanceIndirectCalls></callBridgeGroup>
            """, c => c.GetCallBridgeGroupAsync(Id, Ct));

        Assert.Equal(new CmsCallBridgeGroup(Id, "emea", true, false, true, true, false), group);
    }

    [Fact]
    public async Task GetOutboundDialPlanRuleAsync_EveryField_Read()
    {
        var rule = await ParseAsync($"/api/v1/outboundDialPlanRules/{Id}", $"""
            <outboundDialPlanRule id="{Id}"><domain>*.example.com</domain><priority>10</priority><localContactDomain/>
              <localFromDomain>video.example.com</localFromDomain><trunkType>sip</trunkType><sipControlEncryption>encrypted</sipControlEncryption>
              <sipProxy>vcs.example.com</sipProxy><failureAction>continue</failureAction><scope>callBridgeGroup</scope>
              <callBridgeGroup>{Other}</callBridgeGroup><tenant/><callRouting>default</callRouting></outboundDialPlanRule>
            """, c => c.GetOutboundDialPlanRuleAsync(Id, Ct));

        Assert.Equal(new CmsOutboundDialPlanRule(Id, "*.example.com", 10, null, "video.example.com", "vcs.example.com", TrunkType.Sip,
            DialPlanFailureAction.Continue, SipControlEncryption.Encrypted, DialPlanScope.CallBridgeGroup, null, Other, null,
            DialPlanCallRouting.Default), rule);
    }

    [Fact]
    public async Task GetSystemStatusAsync_HostIdAndEmptyActivated_Read()
    {
        var status = await ParseAsync("/api/v1/system/status", $"""
            <status><hostId>{Id}</hostId><softwareVersion>3.9.2</softwareVersion><uptimeSeconds>3600</uptimeSeconds>
              <cdrTime>2026-11-29T14:08:19Z</cdrTime><activated/><clusterEnabled>true</clusterEnabled><clusterId>{Other}</clusterId>
              <callLegsActive>0</callLegsActive></status>
            """, c => c.GetSystemStatusAsync(Ct));

        Assert.Equal(Id, status.HostId);
        Assert.Null(status.Activated);
        Assert.Equal(TimeSpan.FromHours(1), status.Uptime);
        Assert.Equal(new Version(3, 9, 2), status.Version);
    }

    [Fact]
    public async Task GetCdrReceiversAsync_BridgeGivesTwoPerPage_ReadsAllFourAndStops()
    {
        string[] ids = [Id, Other, "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "2c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"];
        await using var server = await CannedServer.StartAsync(context =>
        {
            var offset = int.Parse(context.Request.Query["offset"]!, System.Globalization.CultureInfo.InvariantCulture);
            var page = string.Concat(ids.Skip(offset).Take(2).Select((id, i) => $"<cdrReceiver id=\"{id}\"><uri>https://r{offset + i}.example.com/cdr</uri></cdrReceiver>"));
            context.Response.ContentType = "text/xml";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                $"<cdrReceivers total=\"4\" maximum=\"4\">{page}</cdrReceivers>", context.RequestAborted);
        });
        using var client = server.Client();

        var receivers = await client.GetCdrReceiversAsync(Ct);

        Assert.Equal(ids, receivers.Receivers.Select(r => r.Id));
        Assert.Equal("https://r3.example.com/cdr", receivers.Receivers[3].Uri);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task GetCdrReceiversAsync_BridgeRepeatsTheFirstPage_Stops()
    {
        await using var server = await CannedServer.XmlAsync(
            $"""<cdrReceivers total="3" maximum="4"><cdrReceiver id="{Id}"><uri>https://a.example.com/cdr</uri></cdrReceiver></cdrReceivers>""");
        using var client = server.Client();

        var receivers = await client.GetCdrReceiversAsync(Ct);

        Assert.Equal(Id, Assert.Single(receivers.Receivers).Id);
        Assert.Equal(2, server.Requests);
    }
}
