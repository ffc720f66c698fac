using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

/// <summary>A leg's <c>configuration</c> holds its effective values: the call settings, then the global,
/// tenant, space, access method and leg call leg profiles, then the leg's own settings, most specific winning.</summary>
public sealed class LegConfigurationTests
{
    [Fact]
    public async Task GetCallLeg_ProfileChain_ConfigurationHoldsEffectiveValuesInCmsOrder()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var global = await http.CreateAsync("/api/v1/callLegProfiles", "muteSelfAllowed=false&participantLabels=true&defaultLayout=allEqual&joinToneParticipantThreshold=3");
        var ofTenant = await http.CreateAsync("/api/v1/callLegProfiles", "muteSelfAllowed=true&joinToneParticipantThreshold=5");
        var ofSpace = await http.CreateAsync("/api/v1/callLegProfiles", "defaultLayout=speakerOnly&endCallAllowed=false");
        var ofLeg = await http.CreateAsync("/api/v1/callLegProfiles", "videoMuteSelfAllowed=false&endCallAllowed=true");
        var tenant = await http.CreateAsync("/api/v1/tenants", $"name=T&callLegProfile={ofTenant}");
        await http.PutAsync("/api/v1/system/profiles", $"callLegProfile={global}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("chain", $"tenant={tenant}&callLegProfile={ofSpace}"));

        var legId = await http.DialOutAsync(call, "room@example.com", $"callLegProfile={ofLeg}&participantLabels=false&ownerId=booking-7&chosenLayout=stacked");
        var configuration = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("configuration")!;

        Assert.Equal(["ownerId", "chosenLayout", "defaultLayout", "participantLabels", "joinToneParticipantThreshold", "muteSelfAllowed",
            "videoMuteSelfAllowed", "endCallAllowed", "sipMediaEncryption", "telepresenceCallsAllowed", "sipPresentationChannelEnabled", "bfcpMode"],
            configuration.Names());
        Assert.Equal(("booking-7", "stacked", "speakerOnly", "false"),
            (configuration.Value("ownerId"), configuration.Value("chosenLayout"), configuration.Value("defaultLayout"), configuration.Value("participantLabels")));
        Assert.Equal(("5", "true", "false", "true"), (configuration.Value("joinToneParticipantThreshold"), configuration.Value("muteSelfAllowed"),
            configuration.Value("videoMuteSelfAllowed"), configuration.Value("endCallAllowed")));
        Assert.Null(configuration.Element("callLegProfile"));
    }

    [Fact]
    public async Task GetCallLeg_GlobalProfileChanged_ConfigurationFollowsAtOnce()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var global = await http.CreateAsync("/api/v1/callLegProfiles", "rxAudioMute=true&deactivationMode=disconnect&deactivationModeTime=30");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("global"));
        var legId = await http.DialOutAsync(call, "room@example.com");
        time.AnswerWithDefaultTiming();

        await http.PutAsync("/api/v1/system/profiles", $"callLegProfile={global}");
        var muted = await http.GetAsync($"/api/v1/callLegs/{legId}");
        var mutedStatus = await http.StatusAsync();
        await http.PutAsync("/api/v1/system/profiles", "callLegProfile=");
        var unmuted = await http.GetAsync($"/api/v1/callLegs/{legId}");

        Assert.Equal(("true", "disconnect", "30"), (muted.Element("configuration")!.Value("rxAudioMute"),
            muted.Element("configuration")!.Value("deactivationMode"), muted.Element("configuration")!.Value("deactivationModeTime")));
        Assert.Equal(0, muted.Element("status")!.Element("rxAudio")!.Number("bitRate"));
        Assert.Equal(0, mutedStatus.Number("audioBitRateIncoming"));
        Assert.Null(unmuted.Element("configuration")!.Element("rxAudioMute"));
        Assert.Equal(64_000, unmuted.Element("status")!.Element("rxAudio")!.Number("bitRate"));
    }

    [Fact]
    public async Task DialIn_ThroughAnAccessMethod_LegTakesItsCallLegProfile()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        using var control = host.Control();
        var hosts = await http.CreateAsync("/api/v1/callLegProfiles", "muteOthersAllowed=true&defaultLayout=telepresence");
        var space = await http.CreateSpaceAsync("board", "passcode=1111");
        await http.CreateAsync($"/api/v1/coSpaces/{space}/accessMethods", $"uri=board.host&passcode=2222&callLegProfile={hosts}");

        var host1 = await DialInAsync(control, host.Nodes[0].Name, "board.host", "2222");
        var guest = await DialInAsync(control, host.Nodes[0].Name, "board", "1111");

        var hostConfiguration = (await http.GetAsync($"/api/v1/callLegs/{host1}")).Element("configuration")!;
        var guestConfiguration = (await http.GetAsync($"/api/v1/callLegs/{guest}")).Element("configuration")!;
        Assert.Equal(("telepresence", "true"), (hostConfiguration.Value("defaultLayout"), hostConfiguration.Value("muteOthersAllowed")));
        Assert.Null(guestConfiguration.Element("muteOthersAllowed"));
        Assert.Null(guestConfiguration.Element("defaultLayout"));
    }

    [Fact]
    public async Task GetCallLeg_CallSettingsConfigured_ConfigurationStartsFromThem()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time, o =>
        {
            o.CallSettings["sipMediaEncryption"] = "REQUIRED";
            o.CallSettings["bfcpMode"] = "";
        });
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("settings"));

        var legId = await http.DialOutAsync(call, "room@example.com");

        var configuration = (await http.GetAsync($"/api/v1/callLegs/{legId}")).Element("configuration")!;
        Assert.Equal(["sipMediaEncryption", "telepresenceCallsAllowed", "sipPresentationChannelEnabled"], configuration.Names());
        Assert.Equal("required", configuration.Value("sipMediaEncryption"));
    }

    [Theory]
    [InlineData("sipMediaEncrypted", "optional", "CmsSimulator:CallSettings:sipMediaEncrypted is not a call leg profile parameter")]
    [InlineData("bfcpMode", "sometimes", "CmsSimulator:CallSettings:bfcpMode has the invalid value 'sometimes'")]
    public async Task Start_BadCallSetting_FailsNamingIt(string name, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Sim.StartAsync(new FakeTimeProvider(), o => o.CallSettings[name] = value));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> DialInAsync(HttpClient control, string node, string uri, string passcode)
    {
        using var response = await control.DialInAsync(node, new { uri, passcode, caller = $"{uri}.caller@example.com" });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<DialInAnswer>(TestContext.Current.CancellationToken);
        return answer!.CallLeg!;
    }

    private sealed record DialInAnswer(string? CallLeg);
}
