using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>Client against the simulator for the values the models used to drop, on the resources the
/// simulator already serves (call profiles, call leg profiles, access methods, CDR receivers, participants,
/// call legs).</summary>
public sealed class CmsClientRound2ContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallProfile_PasscodeAndRecorderFields_RoundTrip()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallProfileAsync(new CallProfileChanges
        {
            PasscodeMode = PasscodeMode.Timeout, PasscodeTimeoutSeconds = 5, SipRecorderUri = "rec@video.example.com",
            GatewayAudioCallOptimization = true, LyncConferenceMode = "gateway",
        }, Ct);

        Assert.Equal("passcodeMode=timeout&passcodeTimeout=5&sipRecorderUri=rec%40video.example.com&gatewayAudioCallOptimization=true&lyncConferenceMode=gateway",
            await cluster.FormAsync("POST /api/v1/callProfiles"));
        var profile = await client.GetCallProfileAsync(id, Ct);
        Assert.Equal((PasscodeMode.Timeout, TimeSpan.FromSeconds(5), "rec@video.example.com", true, "gateway"),
            (profile.PasscodeMode, profile.PasscodeTimeout, profile.SipRecorderUri, profile.GatewayAudioCallOptimization, profile.LyncConferenceMode));
    }

    [Fact]
    public async Task CallLegProfile_LobbyAndMuteFields_RoundTripAndClear()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallLegProfileAsync(new CallLegProfileChanges
        {
            Name = "Guests", NeedsActivation = true, DeactivationMode = DeactivationMode.Disconnect, DeactivationModeTimeSeconds = 120,
            RxAudioMute = true, RxVideoMute = false, ParticipantLabels = true, VideoMuteOthersAllowed = false,
        }, Ct);
        var created = await client.GetCallLegProfileAsync(id, Ct);
        await client.UpdateCallLegProfileAsync(id, new CallLegProfileChanges { DeactivationMode = CmsParam.Clear, RxAudioMute = false }, Ct);
        var changed = await client.GetCallLegProfileAsync(id, Ct);

        Assert.Equal(new CmsCallLegProfile(id, "Guests", true, null, null, null, null, null, null, null, null, null,
            DeactivationMode.Disconnect, TimeSpan.FromMinutes(2), true, null, false, null, true, false), created);
        Assert.Null(changed.DeactivationMode);
        Assert.False(changed.RxAudioMute);
        Assert.Equal(TimeSpan.FromMinutes(2), changed.DeactivationModeTime);
    }

    [Fact]
    public async Task AccessMethods_HostPinAndGuestPin_EachWithItsOwnPasscodeAndProfile()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var space = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "board", CallId = "7000" }, Ct);
        var hosts = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Hosts", NeedsActivation = false }, Ct);
        var guests = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Guests", NeedsActivation = true }, Ct);

        var host = await client.CreateAccessMethodAsync(space,
            new AccessMethodChanges { Name = "Host", CallId = "7001", Passcode = "1111", CallLegProfile = hosts, Importance = 10 }, Ct);
        var guest = await client.CreateAccessMethodAsync(space,
            new AccessMethodChanges { Name = "Guest", CallId = "7002", Passcode = "2222", CallLegProfile = guests, Secret = "guestlink2222" }, Ct);

        var methods = await client.ListAccessMethodsAsync(space, Ct).ToListAsync(Ct);
        var hostMethod = await client.GetAccessMethodAsync(space, host, Ct);
        var guestMethod = await client.GetAccessMethodAsync(space, guest, Ct);
        Assert.Equal(new[] { host, guest }.Order(), methods.Select(m => m.Id).Order());
        Assert.Equal(("1111", hosts, 10L), (hostMethod.Passcode, hostMethod.CallLegProfile, hostMethod.Importance));
        Assert.Equal(("2222", guests, "guestlink2222"), (guestMethod.Passcode, guestMethod.CallLegProfile, guestMethod.Secret));
        Assert.True((await client.GetCallLegProfileAsync(guestMethod.CallLegProfile!, Ct)).NeedsActivation);
    }

    [Fact]
    public async Task GetCdrReceiversAsync_TwoReceivers_ListsBothInOneCall()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var first = await client.CreateCdrReceiverAsync(new Uri("http://127.0.0.1:9999/cdr"), Ct);
        var second = await client.CreateCdrReceiverAsync(new Uri("http://127.0.0.1:9998/cdr"), Ct);

        var receivers = await client.GetCdrReceiversAsync(Ct);

        Assert.Equal(new[] { first, second }.Order(), receivers.Receivers.Select(r => r.Id).Order());
        Assert.Equal("http://127.0.0.1:9998/cdr", receivers.Receivers.Single(r => r.Id == second).Uri);
    }

    [Fact]
    public async Task AddParticipant_NeedsActivation_SentAndTheLegCarriesIt()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lobby"), cancellationToken: Ct);

        var id = await client.AddParticipantAsync(callId, new AddParticipant("guest@example.com")
        {
            NeedsActivation = true, DeactivationMode = DeactivationMode.Deactivate, DeactivationModeTimeSeconds = 30,
        }, Ct);
        SimulatorSeed.Answer(time);
        var legId = Assert.Single(await client.ListCallLegsAsync(new CallLegFilter { Participant = id }, Ct).ToListAsync(Ct)).Id;
        var leg = await client.GetCallLegAsync(legId, Ct);

        Assert.Equal("remoteParty=guest%40example.com&needsActivation=true&deactivationMode=deactivate&deactivationModeTime=30",
            await cluster.FormAsync($"POST /api/v1/calls/{callId}/participants"));
        Assert.Equal((true, DeactivationMode.Deactivate, TimeSpan.FromSeconds(30)),
            (leg.Configuration?.NeedsActivation, leg.Configuration?.DeactivationMode, leg.Configuration?.DeactivationModeTime));
    }

    [Fact]
    public async Task DialOut_WithOverrides_ConfigurationShowsThemAndDirectionIsOutgoing()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Dial"), cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("room4@example.com")
        {
            OwnerId = "convene:17",
            Overrides = new CallLegChanges { RxAudioMute = true, NameLabelOverride = "Room 4", DeactivationMode = DeactivationMode.RemainActivated },
        }, Ct);
        SimulatorSeed.Answer(time);
        var leg = await client.GetCallLegAsync(legId, Ct);

        Assert.Equal(CallLegDirection.Outgoing, leg.Direction);
        Assert.Equal("room4@example.com", leg.OriginalRemoteParty);
        var configuration = Assert.IsType<CmsCallLegConfiguration>(leg.Configuration);
        Assert.Equal(("convene:17", true, "Room 4", DeactivationMode.RemainActivated),
            (configuration.OwnerId, configuration.RxAudioMute, configuration.NameLabelOverride, configuration.DeactivationMode));
    }
}
