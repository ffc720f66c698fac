using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for call legs as CMS writes them: <c>status/direction</c>, the
/// effective <c>configuration</c> from the profile chain (the global profile of <c>system/profiles</c>,
/// the space's, the leg's own), <c>cipherSuite</c>, and a participant's legs.</summary>
public sealed class CallLegsContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCallLegAsync_DialInAndDialOut_DirectionFromStatus()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var space = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "board" }, Ct);
        var callIn = await cluster.JoinAsync("board");

        var outLeg = await client.DialOutAsync(callIn.Call!, new DialOut("room4@example.com"), Ct);
        SimulatorSeed.Answer(time);
        var incoming = await client.GetCallLegAsync(callIn.CallLeg!, Ct);
        var outgoing = await client.GetCallLegAsync(outLeg, Ct);

        Assert.Equal(space, (await client.GetCallAsync(callIn.Call!, Ct)).CoSpace);
        Assert.Equal((CallLegDirection.Incoming, CallLegDirection.Incoming), (incoming.Direction, incoming.Status?.Direction));
        Assert.Equal((CallLegDirection.Outgoing, CallLegDirection.Outgoing), (outgoing.Direction, outgoing.Status?.Direction));
        Assert.Equal((CallLegState.Connected, CallLegState.Connected), (incoming.Status?.State, outgoing.Status?.State));
        Assert.Null(outgoing.Name);
    }

    [Fact]
    public async Task GetCallLegAsync_GlobalSpaceAndLegProfiles_ConfigurationHoldsTheMostSpecificValues()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var global = await client.CreateCallLegProfileAsync(new CallLegProfileChanges
        {
            Name = "Global", RxVideoMute = true, ParticipantLabels = false, DeactivationModeTimeSeconds = 90,
        }, Ct);
        await client.UpdateSystemProfilesAsync(new SystemProfilesChanges { CallLegProfile = global }, Ct);
        var spaceProfile = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Space", ParticipantLabels = true }, Ct);
        var legProfile = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Leg", DeactivationModeTimeSeconds = 15 }, Ct);
        var space = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", CallLegProfile = spaceProfile }, Ct);
        var callId = await client.CreateCallAsync(space, cancellationToken: Ct);

        var plain = await client.DialOutAsync(callId, new DialOut("room1@example.com"), Ct);
        var profiled = await client.DialOutAsync(callId, new DialOut("room2@example.com") { CallLegProfile = legProfile }, Ct);
        SimulatorSeed.Answer(time);
        var first = (await client.GetCallLegAsync(plain, Ct)).Configuration!;
        var second = (await client.GetCallLegAsync(profiled, Ct)).Configuration!;

        Assert.Equal((true, true, TimeSpan.FromSeconds(90)), (first.RxVideoMute, first.ParticipantLabels, first.DeactivationModeTime));
        Assert.Equal((true, true, TimeSpan.FromSeconds(15)), (second.RxVideoMute, second.ParticipantLabels, second.DeactivationModeTime));
    }

    [Fact]
    public async Task GetCallLegAsync_EncryptionOptionalOrProhibited_CipherSuiteOnlyWhenEncrypted()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);
        var clear = await cluster.Client().CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Clear" }, Ct);
        await SetProhibitedAsync(cluster, clear);

        var encrypted = await client.DialOutAsync(callId, new DialOut("room1@example.com"), Ct);
        var unencrypted = await client.DialOutAsync(callId, new DialOut("room2@example.com") { CallLegProfile = clear }, Ct);
        SimulatorSeed.Answer(time);
        var secure = (await client.GetCallLegAsync(encrypted, Ct)).Status!;
        var plain = (await client.GetCallLegAsync(unencrypted, Ct)).Status!;

        Assert.Equal((true, "AES_CM_128_HMAC_SHA1_80", true), (secure.EncryptedMedia, secure.CipherSuite, secure.CameraControlAvailable));
        Assert.Null(plain.CipherSuite);
        Assert.NotEqual(true, plain.EncryptedMedia);
    }

    [Fact]
    public async Task ListParticipantCallLegsAsync_DialledOutParticipant_LegWithOriginalRemoteParty()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var participant = await client.AddParticipantAsync(callId, new AddParticipant("room4@example.com"), Ct);
        SimulatorSeed.Answer(time);
        var legs = await client.ListParticipantCallLegsAsync(participant, Ct).ToListAsync(Ct);
        var listed = await client.ListCallLegsAsync(new CallLegFilter { Participant = participant }, Ct).ToListAsync(Ct);

        var leg = Assert.Single(legs);
        Assert.Equal(("room4@example.com", "room4@example.com", callId), (leg.RemoteParty, leg.OriginalRemoteParty, leg.Call));
        Assert.Equal(listed.Select(l => (l.Id, l.RemoteParty, l.OriginalRemoteParty)), legs.Select(l => (l.Id, l.RemoteParty, l.OriginalRemoteParty)));
    }

    /// <summary>The client has no <c>sipMediaEncryption</c> on call leg profiles; set it with a plain PUT.</summary>
    private static async Task SetProhibitedAsync(SimulatedCluster cluster, string profile)
    {
        var node = cluster.Host.Nodes[0];
        using var http = new HttpClient { BaseAddress = node.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{node.Username}:{node.Password}")));
        using var content = new StringContent("sipMediaEncryption=prohibited", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PutAsync(new Uri($"/api/v1/callLegProfiles/{profile}", UriKind.Relative), content, Ct);
        response.EnsureSuccessStatusCode();
    }
}
