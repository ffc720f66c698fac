using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary>Every field of a call profile and of a call leg profile is stored and returned, as far as the
/// configured version has it.</summary>
public sealed class ProfileFieldsTests
{
    private const string EveryCallProfileField = "name=Webinar&participantLimit=100&locked=true&recordingMode=automatic&streamingMode=manual"
        + "&lockMode=needsActivation&sipRecorderUri=rec@example.com&sipStreamerUri=stream@example.com&passcodeMode=timeout&passcodeTimeout=15"
        + "&gatewayAudioCallOptimization=true&lyncConferenceMode=gateway&chatAllowed=false";

    [Fact]
    public async Task CallProfile_EveryField_IsStoredAndReturnedInOrderOn3x()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();

        var id = await http.CreateAsync("/api/v1/callProfiles", EveryCallProfileField);
        var created = await http.GetAsync($"/api/v1/callProfiles/{id}");
        await http.PutAsync($"/api/v1/callProfiles/{id}", "name=Town+hall&passcodeMode=required&passcodeTimeout=");
        var changed = await http.GetAsync($"/api/v1/callProfiles/{id}");

        Assert.Equal(["name", "participantLimit", "locked", "recordingMode", "streamingMode", "lockMode", "sipRecorderUri", "sipStreamerUri",
            "passcodeMode", "passcodeTimeout", "gatewayAudioCallOptimization", "lyncConferenceMode", "chatAllowed"], created.Names());
        Assert.Equal(("Webinar", "timeout", "15"), (created.Value("name"), created.Value("passcodeMode"), created.Value("passcodeTimeout")));
        Assert.Equal(("Town hall", "required"), (changed.Value("name"), changed.Value("passcodeMode")));
        Assert.Null(changed.Element("passcodeTimeout"));
    }

    [Fact]
    public async Task CallProfile_OnVersion26_FieldsOfLaterVersionsAreIgnoredLikeUnknownOnes()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.6.1");
        using var http = host.Api();

        var id = await http.CreateAsync("/api/v1/callProfiles", EveryCallProfileField);

        Assert.Equal(["participantLimit", "locked", "recordingMode", "streamingMode", "passcodeMode", "passcodeTimeout",
            "gatewayAudioCallOptimization", "lyncConferenceMode"], (await http.GetAsync($"/api/v1/callProfiles/{id}")).Names());
    }

    [Fact]
    public async Task CallLegProfile_LobbyAndMuteFields_AreStoredAndReturned()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();

        var id = await http.CreateAsync("/api/v1/callLegProfiles",
            "name=Guests&needsActivation=true&rxAudioMute=true&rxVideoMute=false&deactivationMode=disconnect&deactivationModeTime=60");
        await http.PutAsync($"/api/v1/callLegProfiles/{id}", "deactivationMode=remainActivated&rxVideoMute=true");

        var profile = await http.GetAsync($"/api/v1/callLegProfiles/{id}");
        Assert.Equal(("Guests", "true", "true", "true"),
            (profile.Value("name"), profile.Value("needsActivation"), profile.Value("rxAudioMute"), profile.Value("rxVideoMute")));
        Assert.Equal(("remainActivated", "60"), (profile.Value("deactivationMode"), profile.Value("deactivationModeTime")));
        await http.InvalidValueAsync(HttpMethod.Put, $"/api/v1/callLegProfiles/{id}", "deactivationMode=sometimes", "deactivationMode");
    }
}
