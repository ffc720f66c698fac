using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>GET /calls/{id}</c> as the blueprint's example answer shows it.</summary>
public sealed class CallsApiTests
{
    [Fact]
    public async Task GetCall_NotDistributed_ElementsInCmsOrderWithDefaultsAndNoRemoteCounts()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("dev", "meetingScheduler=Bjarne+Stroustrup"));

        var detail = await http.GetAsync($"/api/v1/calls/{call}");

        Assert.Equal(["name", "callType", "coSpace", "ownerName", "callCorrelator", "durationSeconds", "numCallLegs", "maxCallLegs",
            "numParticipantsLocal", "locked", "recording", "recordingStatus", "streaming", "streamingStatus", "allowAllMuteSelf",
            "allowAllPresentationContribution", "messagePosition", "messageDuration", "activeWhenEmpty", "endpointRecording"], detail.Names());
        Assert.Equal(("Bjarne Stroustrup", "middle", "0", "false"),
            (detail.Value("ownerName"), detail.Value("messagePosition"), detail.Value("messageDuration"), detail.Value("endpointRecording")));
    }

    [Fact]
    public async Task GetCall_Distributed_CarriesTheRemoteCounts()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("spread"));
        await http.CreateAsync($"/api/v1/calls/{call}/participants", $"remoteParty=far@example.com&callBridge={host.Nodes[1].CallBridgeId}");

        var detail = await http.GetAsync($"/api/v1/calls/{call}");

        Assert.Equal(["numParticipantsLocal", "numParticipantsRemote", "numDistributedInstances", "locked"],
            detail.Names().SkipWhile(n => n != "numParticipantsLocal").Take(4));
        Assert.Equal((0, 1, 1), (detail.Number("numParticipantsLocal"), detail.Number("numParticipantsRemote"), detail.Number("numDistributedInstances")));
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public async Task GetCall_RecordingAndStreamingOn_StatusesFollowWhenRecordersAnswer(bool available, string status)
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.RecordersAvailable = available);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("rec"));

        await http.PutAsync($"/api/v1/calls/{call}", "recording=true&streaming=true");

        var detail = await http.GetAsync($"/api/v1/calls/{call}");
        Assert.Equal(("true", status, "true", status),
            (detail.Value("recording"), detail.Value("recordingStatus"), detail.Value("streaming"), detail.Value("streamingStatus")));
    }

    [Fact]
    public async Task GetCall_SpaceWithOwnerButNoScheduler_OwnerNameIsTheOwnersJid()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.Users = ["ken@example.com"]);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("owned", "ownerJid=ken@example.com"));

        Assert.Equal("ken@example.com", (await http.GetAsync($"/api/v1/calls/{call}")).Value("ownerName"));
    }

    [Fact]
    public async Task PutCall_Banner_TakesSecondsOrPermanentAndRefusesOtherDurations()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("banner"));

        await http.PutAsync($"/api/v1/calls/{call}", "messageText=Ends+in+5+minutes&messagePosition=top&messageDuration=Permanent");
        var permanent = await http.GetAsync($"/api/v1/calls/{call}");
        await http.InvalidValueAsync(HttpMethod.Put, $"/api/v1/calls/{call}", "messageDuration=soon", "messageDuration");
        await http.PutAsync($"/api/v1/calls/{call}", "messageDuration=30");

        Assert.Equal(("Ends in 5 minutes", "top", "permanent"),
            (permanent.Value("messageText"), permanent.Value("messagePosition"), permanent.Value("messageDuration")));
        Assert.Equal("30", (await http.GetAsync($"/api/v1/calls/{call}")).Value("messageDuration"));
    }

    [Fact]
    public async Task GetCall_OnVersion20_LeavesOutWhatLaterVersionsAdded()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.0(RC)");
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("old"));

        var detail = await http.GetAsync($"/api/v1/calls/{call}");

        Assert.Equal(["name", "callType", "coSpace", "callCorrelator", "durationSeconds", "numCallLegs", "maxCallLegs", "numParticipantsLocal",
            "locked", "recording", "allowAllMuteSelf", "allowAllPresentationContribution"], detail.Names());
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HttpMethod.Get, $"/api/v1/calls/{call}")).StatusCode);
    }
}
