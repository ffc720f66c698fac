using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for participants as CMS writes them: the configuration given at
/// creation (importance, name label, the effective default layout) shown at once, the activator flag, and
/// the address dialled after a dial transform.</summary>
public sealed class ParticipantsContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetParticipantAsync_JustCreated_ConfigurationShowsNameLabelImportanceAndTheSpacesLayout()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var space = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", DefaultLayout = Layout.SpeakerOnly }, Ct);
        var callId = await client.CreateCallAsync(space, cancellationToken: Ct);

        var id = await client.AddParticipantAsync(callId, new AddParticipant("room4@example.com") { NameLabelOverride = "Room 4", Importance = 5 }, Ct);
        var participant = await client.GetParticipantAsync(id, Ct);

        Assert.Equal(("Room 4", 5, Layout.SpeakerOnly), (participant.NameLabelOverride, participant.Importance, participant.DefaultLayout));
        Assert.Equal((callId, "room4@example.com", true), (participant.Call, participant.Uri, participant.IsActivator));
        Assert.Null(participant.CallBridge);
    }

    [Fact]
    public async Task GetParticipantAsync_DialledThroughATransform_UriRewrittenOriginalUriKept()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateDialTransformAsync(new DialTransformChanges { Match = "($1/^9/)", Transform = "$1{/^9//}" }, Ct);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var id = await client.AddParticipantAsync(callId, new AddParticipant("9room4@example.com"), Ct);
        SimulatorSeed.Answer(time);
        var participant = await client.GetParticipantAsync(id, Ct);
        var leg = Assert.Single(await client.ListParticipantCallLegsAsync(id, Ct).ToListAsync(Ct));

        Assert.Equal(("room4@example.com", "9room4@example.com", CallLegState.Connected), (participant.Uri, participant.OriginalUri, participant.State));
        Assert.Equal(("room4@example.com", "9room4@example.com"), (leg.RemoteParty, leg.OriginalRemoteParty));
    }
}
