using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>GET /callLegs/{id}</c> and the leg lists as CMS writes them: element names and order, number
/// formats, and the flags left out while false (after the blueprint's example and a real capture).</summary>
public sealed class LegXmlTests
{
    [Fact]
    public async Task GetCallLeg_DialledOutAndConnected_IsShapedAsCmsWritesIt()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("shape"));
        var legId = await http.DialOutAsync(call, "desk.ex90@example.com");
        time.AnswerWithDefaultTiming();

        var leg = await http.GetAsync($"/api/v1/callLegs/{legId}");

        Assert.Equal(["name", "remoteParty", "originalRemoteParty", "localAddress", "call", "type", "direction", "canMove", "configuration", "status"],
            leg.Names());
        Assert.Equal("", leg.Value("name"));
        Assert.Equal("desk.ex90@example.com", leg.Value("originalRemoteParty"));
        var configuration = leg.Element("configuration");
        Assert.Equal(["sipMediaEncryption", "telepresenceCallsAllowed", "sipPresentationChannelEnabled", "bfcpMode"], configuration.Names());
        Assert.Equal(["optional", "false", "true", "serverAndClient"], configuration!.Elements().Select(e => e.Value));
        var status = leg.Element("status")!;
        Assert.Equal(["state", "durationSeconds", "direction", "sipCallId", "groupId", "encryptedMedia", "unencryptedMedia", "cipherSuite",
            "layout", "activeLayout", "availableVideoStreams", "cameraControlAvailable", "rxAudio", "txAudio", "rxVideo", "txVideo"], status.Names());
        Assert.Equal("outgoing", status.Value("direction"));
        Assert.Equal("AES_CM_128_HMAC_SHA1_80", status.Value("cipherSuite"));
        Assert.Equal("true", status.Value("cameraControlAvailable"));
        Assert.Equal(["codec", "packetLossPercentage", "jitter", "codecBitRate", "bitRate"], status.Element("rxAudio").Names());
        Assert.Equal(["codec", "packetLossPercentage", "jitter", "bitRate", "roundTripTime"], status.Element("txAudio").Names());
        Assert.Equal(["codec", "width", "height", "frameRate", "bitRate", "packetLossPercentage", "jitter"], status.Element("rxVideo").Names());
        Assert.Equal(["codec", "width", "height", "frameRate", "bitRate", "packetLossPercentage", "jitter", "roundTripTime"],
            status.Element("txVideo").Names());
        Assert.Equal("0.0", status.Element("rxAudio")!.Value("packetLossPercentage"));
        Assert.Equal("29.9", status.Element("rxVideo")!.Value("frameRate"));
        Assert.Equal("29.9", status.Element("txVideo")!.Value("frameRate"));
    }

    [Fact]
    public async Task GetCallLeg_RecordingStreamingDeactivated_AppearOnlyWhileTrue()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("flags"));
        var legId = await http.DialOutAsync(call, "room@example.com");
        time.AnswerWithDefaultTiming();

        var before = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")!;
        await http.PutAsync($"/api/v1/calls/{call}", "recording=true&streaming=true");
        await http.PutAsync($"/api/v1/callLegs/{legId}", "deactivated=true");
        var set = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")!;
        await http.PutAsync($"/api/v1/calls/{call}", "recording=false&streaming=false");
        await http.PutAsync($"/api/v1/callLegs/{legId}", "deactivated=false");
        var after = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")!;

        foreach (var flag in new[] { "recording", "streaming", "deactivated" })
        {
            Assert.Null(before.Element(flag));
            Assert.Equal("true", set.Value(flag));
            Assert.Null(after.Element(flag));
        }
        Assert.Equal(["state", "durationSeconds", "direction", "sipCallId", "groupId", "recording", "streaming", "deactivated", "encryptedMedia"],
            set.Names().Take(9));
    }

    [Fact]
    public async Task GetCallLeg_OnVersion20_LeavesOutWhatLaterVersionsAdded()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time, o => o.SoftwareVersion = "2.0(RC)");
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("old"));
        var legId = await http.DialOutAsync(call, "room@example.com");
        time.AnswerWithDefaultTiming();

        var leg = await http.GetAsync($"/api/v1/callLegs/{legId}");
        var list = Assert.Single((await http.GetAsync("/api/v1/callLegs")).Elements("callLeg"));

        Assert.DoesNotContain("originalRemoteParty", leg.Names());
        Assert.DoesNotContain("canMove", leg.Names());
        var status = leg.Element("status")!;
        Assert.DoesNotContain("cipherSuite", status.Names());
        Assert.DoesNotContain("cameraControlAvailable", status.Names());
        Assert.DoesNotContain("codecBitRate", status.Element("rxAudio").Names());
        Assert.Equal(["name", "remoteParty", "call"], list.Names());
    }

    [Fact]
    public async Task ListCallLegs_DialOutAndDialIn_NameIsEmptyForTheDialOutAndOriginalRemotePartyIsThere()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        using var control = host.Control();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("lists"));
        await http.DialOutAsync(call, "room@example.com");
        using (var dialIn = await control.DialInAsync(host.Nodes[0].Name, new { uri = "lists", caller = "guest@example.com" }))
        {
            dialIn.EnsureSuccessStatusCode();
        }

        var legs = (await http.GetAsync($"/api/v1/calls/{call}/callLegs")).Elements("callLeg").ToList();

        Assert.All(legs, l => Assert.Equal(["name", "remoteParty", "originalRemoteParty", "call"], l.Names()));
        Assert.Equal([("", "room@example.com"), ("guest@example.com", "guest@example.com")],
            legs.Select(l => (l.Value("name"), l.Value("originalRemoteParty"))));
    }

    [Fact]
    public async Task GetCallLeg_MediaEncryptionProhibited_IsUnencryptedWithoutCipherSuite()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("clear"));
        var legId = await http.DialOutAsync(call, "room@example.com", "sipMediaEncryption=prohibited");
        time.AnswerWithDefaultTiming();

        var status = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")!;

        Assert.Equal(("false", "true"), (status.Value("encryptedMedia"), status.Value("unencryptedMedia")));
        Assert.Null(status.Element("cipherSuite"));
    }

    [Fact]
    public async Task GetCallLeg_AutomaticGainControl_ReceivedAudioEndsWithGainAsADecimal()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("agc"));
        var plain = await http.DialOutAsync(call, "plain@example.com");
        var agc = await http.DialOutAsync(call, "agc@example.com", "audioGainMode=agc");
        time.AnswerWithDefaultTiming();

        var plainAudio = (await http.GetAsync($"/api/v1/callLegs/{plain}")).Element("status")!.Element("rxAudio")!;
        var agcAudio = (await http.GetAsync($"/api/v1/callLegs/{agc}")).Element("status")!.Element("rxAudio")!;

        Assert.Null(plainAudio.Element("gainApplied"));
        Assert.Equal("gainApplied", agcAudio.Names()[^1]);
        Assert.Equal("0.0", agcAudio.Value("gainApplied"));
    }

    [Fact]
    public async Task PutCallLeg_LegacyLayout_BecomesTheLegsDefaultLayout()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("legacy"));
        var legId = await http.DialOutAsync(call, "room@example.com");
        time.AnswerWithDefaultTiming();

        await http.PutAsync($"/api/v1/callLegs/{legId}", "layout=stacked");

        var leg = await http.GetAsync($"/api/v1/callLegs/{legId}");
        Assert.Equal("stacked", leg.Element("configuration")!.Value("defaultLayout"));
        Assert.Null(leg.Element("configuration")!.Element("layout"));
        Assert.Equal("stacked", leg.Element("status")!.Value("activeLayout"));
    }

    [Fact]
    public async Task GetCallLeg_Ringing_HasDirectionButNoMedia()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("ringing"));
        var legId = await http.DialOutAsync(call, "room@example.com");

        var status = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")!;

        Assert.Equal(["state", "durationSeconds", "direction", "sipCallId", "groupId", "encryptedMedia", "unencryptedMedia"], status.Names());
        Assert.Equal(("false", "false"), (status.Value("encryptedMedia"), status.Value("unencryptedMedia")));
    }
}
