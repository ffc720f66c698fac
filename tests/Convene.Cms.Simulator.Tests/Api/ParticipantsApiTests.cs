using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>GET /participants/{id}</c> and <c>/participants/{id}/callLegs</c> as the blueprint's example answers show them.</summary>
public sealed class ParticipantsApiTests
{
    [Fact]
    public async Task GetParticipant_CreatedWithLabelLayoutAndImportance_ConfigurationShowsThemAtOnce()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("labels"));

        var id = await http.CreateAsync($"/api/v1/calls/{call}/participants",
            "remoteParty=guest@example.com&nameLabelOverride=Guest+One&defaultLayout=speakerOnly&importance=5", "/api/v1/participants/");
        var participant = await http.GetAsync($"/api/v1/participants/{id}");

        Assert.Equal(["call", "numCallLegs", "name", "uri", "originalUri", "isActivator", "canMove", "configuration", "status"], participant.Names());
        var configuration = participant.Element("configuration");
        Assert.Equal(["importance", "nameLabelOverride", "defaultLayout"], configuration.Names());
        Assert.Equal(["5", "Guest One", "speakerOnly"], configuration!.Elements().Select(e => e.Value));
        Assert.Equal(["state", "cameraControlAvailable"], participant.Element("status").Names());
    }

    [Fact]
    public async Task GetParticipant_NothingSetOrLayoutFromTheSpacesProfile_ConfigurationIsEmptyOrHasTheEffectiveLayout()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var profile = await http.CreateAsync("/api/v1/callLegProfiles", "defaultLayout=telepresence");
        var plainCall = await http.CreateCallAsync(await http.CreateSpaceAsync("plain"));
        var profiledCall = await http.CreateCallAsync(await http.CreateSpaceAsync("profiled", $"callLegProfile={profile}"));

        var plain = await http.CreateAsync($"/api/v1/calls/{plainCall}/participants", "remoteParty=a@example.com");
        var profiled = await http.CreateAsync($"/api/v1/calls/{profiledCall}/participants", "remoteParty=b@example.com");

        Assert.Empty((await http.GetAsync($"/api/v1/participants/{plain}")).Element("configuration")!.Elements());
        var configuration = (await http.GetAsync($"/api/v1/participants/{profiled}")).Element("configuration");
        Assert.Equal(["defaultLayout"], configuration.Names());
        Assert.Equal("telepresence", configuration!.Value("defaultLayout"));
    }

    [Fact]
    public async Task GetParticipantCallLegs_DialledOut_CarriesOriginalRemotePartyAsTheCallLegsListDoes()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("legs"));
        var id = await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=room@example.com");

        var ofParticipant = Assert.Single((await http.GetAsync($"/api/v1/participants/{id}/callLegs")).Elements("callLeg"));
        var ofNode = Assert.Single((await http.GetAsync("/api/v1/callLegs")).Elements("callLeg"));

        Assert.Equal(["name", "remoteParty", "originalRemoteParty", "call"], ofParticipant.Names());
        Assert.Equal(ofNode.ToString(), ofParticipant.ToString());
        Assert.Equal("room@example.com", ofParticipant.Value("originalRemoteParty"));
    }

    [Fact]
    public async Task GetParticipant_HostedOnAnotherNode_HasItsCallBridgeAndNoLegCount()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("remote"));
        var id = await http.CreateAsync($"/api/v1/calls/{call}/participants", $"remoteParty=far@example.com&callBridge={host.Nodes[1].CallBridgeId}");

        var participant = await http.GetAsync($"/api/v1/participants/{id}");

        Assert.Equal(["call", "callBridge", "name", "uri", "originalUri", "isActivator", "canMove", "configuration", "status"], participant.Names());
        Assert.Equal(host.Nodes[1].CallBridgeId, participant.Value("callBridge"));
    }

    [Fact]
    public async Task GetParticipant_OnVersion20_HasNoConfigurationOrStatus()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.0(RC)");
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("old"));
        var id = await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=a@example.com&importance=3");

        Assert.Equal(["call", "numCallLegs", "name", "uri", "isActivator"], (await http.GetAsync($"/api/v1/participants/{id}")).Names());
    }
}
