namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for the call fields the model used to drop: <c>ownerName</c>,
/// <c>recordingStatus</c>, <c>streamingStatus</c>, the banner's position and duration, <c>endpointRecording</c>.</summary>
public sealed class CallsContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCallAsync_SpaceWithScheduler_OwnerNameIsTheScheduler()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Users = ["alice@example.com"]);
        var client = cluster.Client();
        var scheduled = await client.CreateSpaceAsync(new SpaceChanges { Name = "A", OwnerJid = "alice@example.com", MeetingScheduler = "Bob" }, Ct);
        var owned = await client.CreateSpaceAsync(new SpaceChanges { Name = "B", OwnerJid = "alice@example.com" }, Ct);
        var plain = await client.CreateSpaceAsync(new SpaceChanges { Name = "C" }, Ct);

        var byScheduler = await client.GetCallAsync(await client.CreateCallAsync(scheduled, cancellationToken: Ct), Ct);
        var byOwner = await client.GetCallAsync(await client.CreateCallAsync(owned, cancellationToken: Ct), Ct);
        var nobody = await client.GetCallAsync(await client.CreateCallAsync(plain, cancellationToken: Ct), Ct);

        Assert.Equal(("Bob", "alice@example.com", (string?)null), (byScheduler.OwnerName, byOwner.OwnerName, nobody.OwnerName));
    }

    [Fact]
    public async Task GetCallAsync_NewCall_BannerDefaultsNoRemoteCountsNoEndpointRecording()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var call = await client.GetCallAsync(await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct), Ct);

        Assert.Equal((MessagePosition.Middle, MessageDuration.FromSeconds(0), (string?)null), (call.MessagePosition, call.MessageDuration, call.MessageText));
        Assert.Equal((false, false, false), (call.RecordingStatus, call.StreamingStatus, call.EndpointRecording));
        Assert.Null(call.NumParticipantsRemote);
        Assert.Null(call.NumDistributedInstances);
    }

    [Fact]
    public async Task SetMessageBannerAsync_BottomPermanent_ReadBack()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        await client.SetMessageBannerAsync(id, "Ends in 5 minutes", MessagePosition.Bottom, MessageDuration.Permanent, Ct);
        var permanent = await client.GetCallAsync(id, Ct);
        await client.SetMessageBannerAsync(id, "Ends now", MessagePosition.Top, MessageDuration.FromSeconds(30), Ct);
        var timed = await client.GetCallAsync(id, Ct);

        Assert.Equal(("Ends in 5 minutes", MessagePosition.Bottom, MessageDuration.Permanent),
            (permanent.MessageText, permanent.MessagePosition, permanent.MessageDuration));
        Assert.Equal(("Ends now", MessagePosition.Top, MessageDuration.FromSeconds(30)), (timed.MessageText, timed.MessagePosition, timed.MessageDuration));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task UpdateCallAsync_RecordingAndStreaming_StatusFollowsWhenARecorderAnswers(bool recordersAvailable, bool status)
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.RecordersAvailable = recordersAvailable);
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        await client.UpdateCallAsync(id, new CallChanges { Recording = true, Streaming = true }, Ct);
        var call = await client.GetCallAsync(id, Ct);

        Assert.Equal((true, true), (call.Recording, call.Streaming));
        Assert.Equal((status, status), (call.RecordingStatus, call.StreamingStatus));
    }
}
