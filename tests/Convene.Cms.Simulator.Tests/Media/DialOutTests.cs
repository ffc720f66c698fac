using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

public sealed class DialOutTests
{
    private static readonly TimeSpan RingAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AnswerAfter = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DialOut_ToAnsweringParty_GoesInitialRingingConnected()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.DialOutAsync(call, "desk.ex90@example.com");

        Assert.Equal("initial", await http.LegStateAsync(leg));
        time.Advance(RingAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal("initial", await http.LegStateAsync(leg));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("ringing", await http.LegStateAsync(leg));
        time.Advance(AnswerAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal("ringing", await http.LegStateAsync(leg));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("connected", await http.LegStateAsync(leg));
    }

    [Fact]
    public async Task DialOut_Connected_AddsParticipantAndMovesStatusCounters()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var idle = await http.StatusAsync();

        var leg = await http.DialOutAsync(call, "desk.ex90@example.com", "bandwidth=1000000");
        var dialling = await http.StatusAsync();
        Answer(time);
        var connected = await http.StatusAsync();

        Assert.Equal(0, idle.Number("callLegsActive"));
        Assert.Equal(0, idle.Number("audioBitRateIncoming"));
        Assert.Equal(1, dialling.Number("callLegsActive"));
        Assert.Equal(0, dialling.Number("videoBitRateOutgoing"));
        Assert.Equal(1, connected.Number("callLegsActive"));
        Assert.Equal(1, connected.Number("callLegsMaxActive"));
        Assert.Equal(0, connected.Number("callLegsCompleted"));
        Assert.Equal(64_000, connected.Number("audioBitRateIncoming"));
        Assert.Equal(64_000, connected.Number("audioBitRateOutgoing"));
        Assert.Equal(936_000, connected.Number("videoBitRateIncoming"));
        Assert.Equal(936_000, connected.Number("videoBitRateOutgoing"));
        var participants = await http.GetAsync($"/api/v1/calls/{call}/participants");
        var participant = Assert.Single(participants.Elements("participant"));
        Assert.Equal("desk.ex90@example.com", participant.Value("name"));
        Assert.Equal(call, participant.Value("call"));
        var legs = await http.GetAsync($"/api/v1/participants/{participant.Attribute("id")!.Value}/callLegs");
        Assert.Equal(leg, Assert.Single(legs.Elements("callLeg")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task GetCallLeg_WhenConnected_HasMediaStatistics()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var legId = await http.DialOutAsync(call, "desk.ex90@example.com");
        Answer(time);
        time.Advance(TimeSpan.FromSeconds(7));

        var leg = await http.GetAsync($"/api/v1/callLegs/{legId}");

        Assert.Equal("desk.ex90@example.com", leg.Value("remoteParty"));
        Assert.Equal("outgoing", leg.Value("direction"));
        Assert.Equal(call, leg.Value("call"));
        var status = Assert.IsType<XElement>(leg.Element("status"));
        Assert.Equal("connected", status.Value("state"));
        Assert.Equal(7, status.Number("durationSeconds"));
        foreach (var name in new[] { "rxAudio", "txAudio" })
        {
            var audio = Assert.IsType<XElement>(status.Element(name));
            Assert.False(string.IsNullOrEmpty(audio.Value("codec")));
            Assert.Equal(64_000, audio.Number("bitRate"));
            Assert.NotNull(audio.Value("jitter"));
            Assert.NotNull(audio.Value("packetLossPercentage"));
        }
        Assert.NotNull(status.Element("txAudio")!.Value("roundTripTime"));
        foreach (var name in new[] { "rxVideo", "txVideo" })
        {
            var video = Assert.IsType<XElement>(status.Element(name));
            Assert.Equal("main", video.Attribute("role")?.Value);
            Assert.False(string.IsNullOrEmpty(video.Value("codec")));
            Assert.Equal(1_936_000, video.Number("bitRate"));
            Assert.NotNull(video.Value("jitter"));
            Assert.NotNull(video.Value("packetLossPercentage"));
        }
        Assert.NotNull(status.Element("txVideo")!.Value("roundTripTime"));
    }

    [Fact]
    public async Task DialOut_Unreachable_LegEndsWithoutRinging()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.DialOutAsync(call, "unreachable.room@example.com");
        Assert.Equal("initial", await http.LegStateAsync(leg));
        time.Advance(RingAfter);

        Assert.Null(await http.LegStateAsync(leg));
        await AssertEndedAsync(http, call, completed: 1);
    }

    [Fact]
    public async Task DialOut_Busy_LegEndsWithoutConnecting()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.DialOutAsync(call, "busy.room@example.com");
        time.Advance(RingAfter);

        Assert.Null(await http.LegStateAsync(leg));
        await AssertEndedAsync(http, call, completed: 1);
    }

    [Fact]
    public async Task DialOut_Reject_RingsThenEnds()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.DialOutAsync(call, "reject.room@example.com");
        time.Advance(RingAfter);
        Assert.Equal("ringing", await http.LegStateAsync(leg));
        time.Advance(AnswerAfter);

        Assert.Null(await http.LegStateAsync(leg));
        await AssertEndedAsync(http, call, completed: 1);
    }

    [Fact]
    public async Task DialOut_NoAnswer_RingsUntilRingTimeout()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.DialOutAsync(call, "noanswer.room@example.com");
        time.Advance(RingAfter);
        time.Advance(AnswerAfter);
        Assert.Equal("ringing", await http.LegStateAsync(leg));
        time.Advance(RingTimeout - AnswerAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal("ringing", await http.LegStateAsync(leg));
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await http.LegStateAsync(leg));
        await AssertEndedAsync(http, call, completed: 1);
    }

    [Fact]
    public async Task PutCallLeg_RxAudioMute_StopsIncomingAudio()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var leg = await http.DialOutAsync(call, "desk@example.com");
        Answer(time);

        await http.PutAsync($"/api/v1/callLegs/{leg}", "rxAudioMute=true");

        var status = await http.StatusAsync();
        Assert.Equal(0, status.Number("audioBitRateIncoming"));
        Assert.Equal(64_000, status.Number("audioBitRateOutgoing"));
        var detail = await http.GetAsync($"/api/v1/callLegs/{leg}");
        Assert.Equal("true", detail.Element("configuration")?.Value("rxAudioMute"));
        Assert.Equal(0, detail.Element("status")!.Element("rxAudio")!.Number("bitRate"));
    }

    [Fact]
    public async Task DeleteCallLeg_HangsUpAndKeepsTheCall()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var leg = await http.DialOutAsync(call, "desk@example.com");
        Answer(time);

        await http.DeleteAsync($"/api/v1/callLegs/{leg}");

        Assert.Null(await http.LegStateAsync(leg));
        await AssertEndedAsync(http, call, completed: 1);
        Assert.Equal(0, (await http.StatusAsync()).Number("audioBitRateIncoming"));
        time.Advance(AnswerAfter);
        Assert.Equal(0, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task DeleteCall_EndsItsLegs()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        await http.DialOutAsync(call, "one@example.com");
        Answer(time);
        await http.DialOutAsync(call, "two@example.com");

        await http.DeleteAsync($"/api/v1/calls/{call}");
        Answer(time);

        Assert.Equal(0, (await http.GetAsync("/api/v1/callLegs")).Total());
        Assert.Equal(0, (await http.GetAsync("/api/v1/participants")).Total());
        Assert.Equal(0, (await http.GetAsync("/api/v1/calls")).Total());
        var status = await http.StatusAsync();
        Assert.Equal(0, status.Number("callLegsActive"));
        Assert.Equal(2, status.Number("callLegsCompleted"));
        Assert.Equal(2, status.Number("callLegsMaxActive"));
    }

    [Fact]
    public async Task DialOut_WithOwnerId_KeepsItAndFiltersByOwnerIdSet()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var owned = await http.DialOutAsync(call, "owned@example.com", "ownerId=booking-42");
        var plain = await http.DialOutAsync(call, "plain@example.com");

        var detail = await http.GetAsync($"/api/v1/callLegs/{owned}");
        var withOwner = await http.GetAsync("/api/v1/callLegs?ownerIdSet=true");
        var withoutOwner = await http.GetAsync($"/api/v1/calls/{call}/callLegs?ownerIdSet=false");

        Assert.Equal("booking-42", detail.Element("configuration")?.Value("ownerId"));
        Assert.Equal(owned, Assert.Single(withOwner.Elements("callLeg")).Attribute("id")?.Value);
        Assert.Equal(plain, Assert.Single(withoutOwner.Elements("callLeg")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task DialOut_ThroughSeedsMisspeltCallegsPath_CreatesLeg()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var leg = await http.CreateAsync($"/api/v1/calls/{call}/callegs", "remoteParty=desk.ex90@tkratzke.local", "/api/v1/callLegs/");

        Assert.Equal(leg, Assert.Single((await http.GetAsync("/api/v1/callegs")).Elements("callLeg")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task DialOut_WithoutRemoteParty_IsRefused()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var (status, failure) = await http.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs", "bandwidth=1000000");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("remoteParty", failure.Reason().Attribute("parameter")?.Value);
    }

    [Fact]
    public async Task PostParticipant_AnswersLocationAndDialsOut()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));

        var participant = await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=room@example.com", "/api/v1/participants/");
        Answer(time);

        var detail = await http.GetAsync($"/api/v1/participants/{participant}");
        Assert.Equal("room@example.com", detail.Value("uri"));
        Assert.Equal(call, detail.Value("call"));
        Assert.Equal("connected", detail.Element("status")?.Value("state"));
        Assert.Null(detail.Value("callBridge"));
        Assert.Equal(1, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task PostParticipant_OnOtherCallBridge_IsHostedThereWithTheSameCorrelator()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var first = host.Api(0);
        using var second = host.Api(1);
        var call = await first.CreateCallAsync(await first.CreateSpaceAsync("meeting"));
        var correlator = (await first.GetAsync($"/api/v1/calls/{call}")).Value("callCorrelator");

        var participant = await first.CreateAsync($"/api/v1/calls/{call}/participants",
            $"remoteParty=far@example.com&callBridge={host.Nodes[1].CallBridgeId}", "/api/v1/participants/");
        Answer(time);

        var remoteCall = Assert.Single((await second.GetAsync("/api/v1/calls")).Elements("call"));
        Assert.Equal(correlator, remoteCall.Value("callCorrelator"));
        Assert.NotEqual(call, remoteCall.Attribute("id")?.Value);
        // Each node has the participant's leg or none, plus its end of the distribution link.
        Assert.Equal(2, (await second.StatusAsync()).Number("callLegsActive"));
        Assert.Equal(1, (await first.StatusAsync()).Number("callLegsActive"));
        var link = Assert.Single((await first.GetAsync($"/api/v1/calls/{call}/callLegs")).Elements("callLeg"));
        Assert.Equal("distributionLink", (await first.GetAsync($"/api/v1/callLegs/{link.Attribute("id")?.Value}")).Value("subType"));
        var listed = Assert.Single((await first.GetAsync($"/api/v1/calls/{call}/participants")).Elements("participant"));
        Assert.Equal(participant, listed.Attribute("id")?.Value);
        Assert.Equal(host.Nodes[1].CallBridgeId, listed.Value("callBridge"));
        var callDetail = await first.GetAsync($"/api/v1/calls/{call}");
        Assert.Equal(1, callDetail.Number("numParticipantsRemote"));
        Assert.Equal(1, callDetail.Number("numDistributedInstances"));
    }

    [Fact]
    public async Task PutAllParticipants_Mute_MutesEveryLegOfTheCall()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting"));
        var legs = new[] { await http.DialOutAsync(call, "one@example.com"), await http.DialOutAsync(call, "two@example.com") };
        Answer(time);
        Assert.Equal(128_000, (await http.StatusAsync()).Number("audioBitRateIncoming"));

        await http.PutAsync($"/api/v1/calls/{call}/participants/*", "rxAudioMute=true");

        Assert.Equal(0, (await http.StatusAsync()).Number("audioBitRateIncoming"));
        foreach (var leg in legs)
        {
            Assert.Equal("true", (await http.GetAsync($"/api/v1/callLegs/{leg}")).Element("configuration")?.Value("rxAudioMute"));
        }
    }

    [Fact]
    public async Task DialOut_BeyondCallProfileParticipantLimit_IsRefused()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var profile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=2");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("meeting", $"callProfile={profile}"));
        await http.DialOutAsync(call, "one@example.com");
        await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=two@example.com");

        var (status, failure) = await http.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs", "remoteParty=three@example.com");
        var (participantStatus, participantFailure) = await http.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/participants", "remoteParty=three@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("participantLimitReached", failure.Reason().Name.LocalName);
        Assert.Equal(HttpStatusCode.BadRequest, participantStatus);
        Assert.Equal("participantLimitReached", participantFailure.Reason().Name.LocalName);
        Assert.Equal(2, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task DialOut_WhenDistributedMeetingIsAtParticipantLimit_IsRefusedOnEveryNode()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        var profile = await first.CreateAsync("/api/v1/callProfiles", "participantLimit=2");
        var call = await first.CreateCallAsync(await first.CreateSpaceAsync("meeting", $"callProfile={profile}"));
        await first.DialOutAsync(call, "one@example.com");
        await first.CreateAsync($"/api/v1/calls/{call}/participants", $"remoteParty=two@example.com&callBridge={host.Nodes[1].CallBridgeId}");

        var (status, failure) = await first.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs", "remoteParty=three@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("participantLimitReached", failure.Reason().Name.LocalName);
        Assert.Equal(2, (await first.GetAsync($"/api/v1/calls/{call}/participants")).Total());
    }

    [Fact]
    public async Task DialOut_BeyondTenantParticipantLimit_IsRefusedTenantParticipantLimitReached()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var tenant = await http.CreateAsync("/api/v1/tenants", "name=Acme&participantLimit=1");
        var one = await http.CreateCallAsync(await http.CreateSpaceAsync("acme.one", $"tenant={tenant}"));
        var two = await http.CreateCallAsync(await http.CreateSpaceAsync("acme.two", $"tenant={tenant}"));
        var open = await http.CreateCallAsync(await http.CreateSpaceAsync("other"));
        await http.DialOutAsync(one, "first@example.com");

        var (status, failure) = await http.FailAsync(HttpMethod.Post, $"/api/v1/calls/{two}/callLegs", "remoteParty=second@example.com");
        await http.DialOutAsync(open, "unlimited@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("tenantParticipantLimitReached", failure.Reason().Name.LocalName);
    }

    [Fact]
    public async Task DialOut_InSpaceWithoutProfile_UsesTenantCallProfileLimit()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var profile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=1");
        var tenant = await http.CreateAsync("/api/v1/tenants", $"name=Acme&callProfile={profile}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("acme.room", $"tenant={tenant}"));
        await http.DialOutAsync(call, "first@example.com");

        var (status, failure) = await http.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs", "remoteParty=second@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("participantLimitReached", failure.Reason().Name.LocalName);
    }

    [Fact]
    public async Task PostParticipant_OnOtherCallBridgeRefused_LeavesNoCallThere()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        var profile = await first.CreateAsync("/api/v1/callProfiles", "participantLimit=1");
        var call = await first.CreateCallAsync(await first.CreateSpaceAsync("meeting", $"callProfile={profile}"));
        await first.DialOutAsync(call, "one@example.com");

        var (limited, _) = await first.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/participants",
            $"remoteParty=two@example.com&callBridge={host.Nodes[1].CallBridgeId}");
        var (unnamed, _) = await first.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/participants",
            $"callBridge={host.Nodes[1].CallBridgeId}");

        Assert.Equal(HttpStatusCode.BadRequest, limited);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed);
        Assert.Equal(0, (await second.GetAsync("/api/v1/calls")).Total());
        // Not distributed any more: CMS leaves the remote counts out.
        Assert.Null((await first.GetAsync($"/api/v1/calls/{call}")).Element("numDistributedInstances"));
    }

    [Fact]
    public async Task PostParticipant_OnCallBridgeThatIsDown_IsRefusedCallBridgeUnavailable()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        var call = await first.CreateCallAsync(await first.CreateSpaceAsync("meeting"));
        await host.TakeDownAsync("CallBridge-Core2");

        var (status, failure) = await first.FailAsync(HttpMethod.Post, $"/api/v1/calls/{call}/participants",
            $"remoteParty=two@example.com&callBridge={host.Nodes[1].CallBridgeId}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("callBridgeUnavailable", failure.Reason().Name.LocalName);
    }

    private static Task<CmsSimulatorHost> StartAsync(FakeTimeProvider time) => Sim.StartAsync(time, o =>
    {
        o.RingAfter = RingAfter;
        o.AnswerAfter = AnswerAfter;
        o.RingTimeout = RingTimeout;
    });

    /// <summary>Rings, then answers: two steps, as the answer timer is only set once the leg rings.</summary>
    private static void Answer(FakeTimeProvider time)
    {
        time.Advance(RingAfter);
        time.Advance(AnswerAfter);
    }

    private static async Task AssertEndedAsync(CmsHttp http, string call, int completed)
    {
        var status = await http.StatusAsync();
        Assert.Equal(0, status.Number("callLegsActive"));
        Assert.Equal(completed, status.Number("callLegsCompleted"));
        Assert.Equal(1, status.Number("callLegsMaxActive"));
        Assert.Equal(0, (await http.GetAsync($"/api/v1/calls/{call}/participants")).Total());
        await http.GetAsync($"/api/v1/calls/{call}");
    }
}
