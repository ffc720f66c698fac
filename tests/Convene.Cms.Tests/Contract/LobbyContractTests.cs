using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Contract;

/// <summary>The lobby end to end through the client: the host PIN / guest PIN set-up (the space's passcode
/// with a guest call leg profile, an access method with the host passcode and a host profile), guests
/// waiting deactivated until a host joins, <c>deactivationMode</c> after <c>deactivationModeTime</c> on the
/// simulator's clock, and admitting by hand.</summary>
public sealed class LobbyContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DialIn_GuestPinThenHostPin_GuestWaitsUntilTheHostJoins()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.Deactivate, 60);

        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");
        var waiting = await client.GetCallLegAsync(guest.CallLeg!, Ct);
        var guestParticipant = await client.GetParticipantAsync(guest.Participant!, Ct);
        var host = await cluster.JoinAsync("board", "1111", "host@example.com");
        var admitted = await client.GetCallLegAsync(guest.CallLeg!, Ct);

        Assert.Equal((true, true), (waiting.Status?.Deactivated, waiting.Configuration?.NeedsActivation));
        Assert.False(guestParticipant.IsActivator);
        Assert.True((await client.GetParticipantAsync(host.Participant!, Ct)).IsActivator);
        Assert.Equal(false, (await client.GetCallLegAsync(host.CallLeg!, Ct)).Configuration?.NeedsActivation);
        Assert.Equal(guest.Call, host.Call);
        Assert.NotEqual(true, admitted.Status?.Deactivated);
    }

    [Fact]
    public async Task HostLeaves_DeactivateMode_GuestBackInTheLobbyOnlyAfterDeactivationModeTime()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.Deactivate, 60);
        var host = await cluster.JoinAsync("board", "1111", "host@example.com");
        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");

        await client.DeleteCallLegAsync(host.CallLeg!, Ct);
        time.Advance(TimeSpan.FromSeconds(59));
        var before = await client.GetCallLegAsync(guest.CallLeg!, Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await client.GetCallLegAsync(guest.CallLeg!, Ct);

        Assert.Equal((DeactivationMode.Deactivate, TimeSpan.FromSeconds(60)), (after.Configuration?.DeactivationMode, after.Configuration?.DeactivationModeTime));
        Assert.NotEqual(true, before.Status?.Deactivated);
        Assert.True(after.Status?.Deactivated);
    }

    [Fact]
    public async Task HostLeaves_DisconnectMode_GuestDisconnectedAfterDeactivationModeTime()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.Disconnect, 30);
        var host = await cluster.JoinAsync("board", "1111", "host@example.com");
        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");

        await client.DeleteCallLegAsync(host.CallLeg!, Ct);
        time.Advance(TimeSpan.FromSeconds(30));

        var gone = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallLegAsync(guest.CallLeg!, Ct));
        Assert.Equal(CmsErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task HostLeaves_RemainActivatedMode_GuestStaysActivated()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.RemainActivated, 10);
        var host = await cluster.JoinAsync("board", "1111", "host@example.com");
        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");

        await client.DeleteCallLegAsync(host.CallLeg!, Ct);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.NotEqual(true, (await client.GetCallLegAsync(guest.CallLeg!, Ct)).Status?.Deactivated);
    }

    [Fact]
    public async Task HostLeavesAndComesBackInTime_DeactivateMode_GuestNeverBackInTheLobby()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.Deactivate, 60);
        var host = await cluster.JoinAsync("board", "1111", "host@example.com");
        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");

        await client.DeleteCallLegAsync(host.CallLeg!, Ct);
        time.Advance(TimeSpan.FromSeconds(30));
        await cluster.JoinAsync("board", "1111", "host@example.com");
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.NotEqual(true, (await client.GetCallLegAsync(guest.CallLeg!, Ct)).Status?.Deactivated);
    }

    [Fact]
    public async Task AdmitFromLobbyAsync_GuestWaitingWithoutHost_ActivatedAndMovedBackOnRequest()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await HostAndGuestPinsAsync(client, DeactivationMode.Deactivate, 60);
        var guest = await cluster.JoinAsync("board", "2222", "guest@partner.example.com");

        await client.AdmitFromLobbyAsync(guest.Participant!, Ct);
        var admitted = await client.GetCallLegAsync(guest.CallLeg!, Ct);
        await client.MoveToLobbyAsync(guest.Participant!, Ct);
        var moved = await client.GetCallLegAsync(guest.CallLeg!, Ct);

        Assert.NotEqual(true, admitted.Status?.Deactivated);
        Assert.True(moved.Status?.Deactivated);
    }

    [Fact]
    public async Task DialIn_WrongPasscode_Refused()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await HostAndGuestPinsAsync(cluster.Client(), DeactivationMode.Deactivate, 60);

        var refused = await cluster.DialInAsync("board", "9999");

        Assert.Equal("passcodeIncorrect", refused.Refused);
    }

    /// <summary>Space <c>board</c> with guest PIN 2222 (guest profile: needs activation) and an access method
    /// with the same URI and host PIN 1111 (host profile).</summary>
    private static async Task HostAndGuestPinsAsync(CmsClient client, DeactivationMode mode, int seconds)
    {
        var guests = await client.CreateCallLegProfileAsync(new CallLegProfileChanges
        {
            Name = "Guests", NeedsActivation = true, DeactivationMode = mode, DeactivationModeTimeSeconds = seconds,
        }, Ct);
        var hosts = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Hosts", NeedsActivation = false }, Ct);
        var space = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "board", Passcode = "2222", CallLegProfile = guests }, Ct);
        await client.CreateAccessMethodAsync(space, new AccessMethodChanges { Name = "Host", Uri = "board", Passcode = "1111", CallLegProfile = hosts }, Ct);
    }
}
