using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

public sealed class CmsClientParticipantsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddParticipant_OnThisNode_ReturnsParticipantThatConnects()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Add"), cancellationToken: Ct);

        var id = await client.AddParticipantAsync(callId, new AddParticipant("carol@example.com") { Importance = 5 }, Ct);
        var dialling = await client.GetParticipantAsync(id, Ct);
        SimulatorSeed.Answer(time);
        var participant = await client.GetParticipantAsync(id, Ct);

        Assert.Equal(id, participant.Id);
        Assert.Equal(callId, participant.Call);
        Assert.Equal("carol@example.com", participant.Uri);
        Assert.Null(participant.CallBridge);
        Assert.False(participant.IsRemote);
        Assert.Equal(1, participant.NumCallLegs);
        Assert.Equal(5, participant.Importance);
        Assert.Equal(CallLegState.Initial, dialling.State);
        Assert.Equal(CallLegState.Connected, participant.State);
        Assert.Contains($"POST /api/v1/calls/{callId}/participants", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task AddParticipant_OnAnotherNode_IsListedWithThatNodesCallBridge()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var here = cluster.Client(0);
        var there = cluster.Client(1);
        var otherBridge = cluster.Host.Nodes[1].CallBridgeId;
        var callId = await here.CreateCallAsync(await cluster.CreateSpaceAsync("Distributed"), cancellationToken: Ct);
        var local = await here.AddParticipantAsync(callId, new AddParticipant("local@example.com"), Ct);

        var remote = await here.AddParticipantAsync(callId, new AddParticipant("remote@example.com") { CallBridge = otherBridge }, Ct);
        SimulatorSeed.Answer(time);

        var seenHere = await here.ListParticipantsAsync(callId, cancellationToken: Ct).ToListAsync(Ct);
        Assert.Null(seenHere.Single(p => p.Id == local).CallBridge);
        var remoteHere = seenHere.Single(p => p.Id == remote);
        Assert.Equal(otherBridge, remoteHere.CallBridge);
        Assert.True(remoteHere.IsRemote);
        var onlyLocal = await here.ListParticipantsAsync(new ParticipantFilter { CallBridge = cluster.Host.Nodes[0].CallBridgeId }, Ct).ToListAsync(Ct);
        Assert.Equal(local, Assert.Single(onlyLocal).Id);
        var detail = await here.GetParticipantAsync(remote, Ct);
        Assert.Equal(otherBridge, detail.CallBridge);
        var seenThere = await there.GetParticipantAsync(remote, Ct);
        Assert.Null(seenThere.CallBridge);
        Assert.Equal(CallLegState.Connected, seenThere.State);
        var instance = Assert.Single(await there.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal((await here.GetCallAsync(callId, Ct)).CallCorrelator, instance.CallCorrelator);
        Assert.Equal(instance.Id, seenThere.Call);
        Assert.Contains($"GET /api/v1/participants?callBridgeFilter={cluster.Host.Nodes[0].CallBridgeId}&offset=0&limit=50", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task UpdateParticipant_HostedOnAnotherNode_ThrowsRefused()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var here = cluster.Client(0);
        var callId = await here.CreateCallAsync(await cluster.CreateSpaceAsync("Elsewhere"), cancellationToken: Ct);
        var remote = await here.AddParticipantAsync(callId, new AddParticipant("remote@example.com") { CallBridge = cluster.Host.Nodes[1].CallBridgeId }, Ct);

        var e = await Assert.ThrowsAsync<CmsApiException>(() => here.UpdateParticipantAsync(remote, new ParticipantChanges { Importance = 1 }, Ct));

        Assert.Equal(CmsErrorKind.Refused, e.Kind);
        Assert.True(e.HasReason("participantCannotBeModified"));
        await cluster.Client(1).UpdateParticipantAsync(remote, new ParticipantChanges { Importance = 1 }, Ct);
    }

    [Fact]
    public async Task ListParticipants_NodeWidePerCallAndByText_ListMatches()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var first = await client.CreateCallAsync(await cluster.CreateSpaceAsync("One"), cancellationToken: Ct);
        var second = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Two"), cancellationToken: Ct);
        var dave = await client.AddParticipantAsync(first, new AddParticipant("dave@example.com"), Ct);
        var erin = await client.AddParticipantAsync(second, new AddParticipant("erin@example.com"), Ct);

        var all = await client.ListParticipantsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var ofSecond = await client.ListParticipantsAsync(second, cancellationToken: Ct).ToListAsync(Ct);
        var byText = await client.ListParticipantsAsync(new ParticipantFilter { Text = "dave" }, Ct).ToListAsync(Ct);

        Assert.Equal(new[] { dave, erin }.Order(), all.Select(p => p.Id).Order());
        var only = Assert.Single(ofSecond);
        Assert.Equal(erin, only.Id);
        Assert.Equal(second, only.Call);
        Assert.Equal(dave, Assert.Single(byText).Id);
    }

    [Fact]
    public async Task UpdateParticipant_ImportanceAndNameLabel_AreApplied()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Chair"), cancellationToken: Ct);
        var id = await client.AddParticipantAsync(callId, new AddParticipant("chair@example.com"), Ct);

        await client.UpdateParticipantAsync(id, new ParticipantChanges { Importance = 7, NameLabelOverride = "Chair" }, Ct);

        var participant = await client.GetParticipantAsync(id, Ct);
        Assert.Equal(7, participant.Importance);
        Assert.Equal("Chair", participant.NameLabelOverride);
        Assert.Contains($"PUT /api/v1/participants/{id}", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task AdmitFromLobby_WaitingParticipant_ActivatesItsLeg()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lobby"), new CallChanges { Locked = true }, Ct);
        var id = await client.AddParticipantAsync(callId, new AddParticipant("guest@example.com") { Deactivated = true }, Ct);
        SimulatorSeed.Answer(time);
        var legId = Assert.Single(await client.ListCallLegsAsync(new CallLegFilter { Participant = id }, Ct).ToListAsync(Ct)).Id;
        var waiting = await client.GetCallLegAsync(legId, Ct);

        await client.AdmitFromLobbyAsync(id, Ct);
        var admitted = await client.GetCallLegAsync(legId, Ct);
        await client.MoveToLobbyAsync(id, Ct);
        var back = await client.GetCallLegAsync(legId, Ct);

        Assert.True(waiting.Status?.Deactivated);
        Assert.NotEqual(true, admitted.Status?.Deactivated); // CMS leaves the flag out while it is false.
        Assert.True(back.Status?.Deactivated);
    }

    [Fact]
    public async Task DisconnectParticipant_Connected_EndsItsLegs()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Disconnect"), cancellationToken: Ct);
        var id = await client.AddParticipantAsync(callId, new AddParticipant("leaving@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.DisconnectParticipantAsync(id, Ct);

        Assert.Empty(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Contains($"DELETE /api/v1/participants/{id}", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task MuteAll_ExceptChair_MutesEveryoneElse()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Mute all"), cancellationToken: Ct);
        var chair = await client.AddParticipantAsync(callId, new AddParticipant("chair@example.com"), Ct);
        var others = new[]
        {
            await client.AddParticipantAsync(callId, new AddParticipant("p1@example.com"), Ct),
            await client.AddParticipantAsync(callId, new AddParticipant("p2@example.com"), Ct),
        };
        SimulatorSeed.Answer(time);

        await client.MuteAllAsync(callId, true, [chair], Ct);

        Assert.Equal(64_000, await ReceivedAudioAsync(client, chair));
        foreach (var other in others)
        {
            Assert.Equal(0, await ReceivedAudioAsync(client, other));
        }
        Assert.Contains($"PUT /api/v1/calls/{callId}/participants/*", await cluster.RequestsAsync());
        var trace = await cluster.TraceAsync();
        Assert.Contains(trace, l => l.EndsWith($": filterIds={chair}&", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.EndsWith(": mode=exclude", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAllParticipants_SelectedMode_ChangesOnlyThoseListed()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Selected"), cancellationToken: Ct);
        var picked = await client.AddParticipantAsync(callId, new AddParticipant("picked@example.com"), Ct);
        var other = await client.AddParticipantAsync(callId, new AddParticipant("other@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.UpdateAllParticipantsAsync(callId, new AllParticipantsChanges { Layout = Layout.Stacked }, [picked], ParticipantSelection.Selected, Ct);

        Assert.Equal(Layout.Stacked, (await LegOfAsync(client, picked)).Status?.ActiveLayout);
        Assert.Equal(Layout.Automatic, (await LegOfAsync(client, other)).Status?.ActiveLayout);
    }

    [Fact]
    public async Task UpdateAllParticipants_InvalidSelection_ThrowsBeforeSending()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Invalid"), cancellationToken: Ct);
        var mute = new AllParticipantsChanges { RxAudioMute = true };
        var tooMany = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString()).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAllParticipantsAsync(callId, mute, tooMany, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAllParticipantsAsync(callId, mute, ["not-an-id"], cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAllParticipantsAsync(callId, mute, null, ParticipantSelection.Selected, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAllParticipantsAsync(callId, new AllParticipantsChanges(), cancellationToken: Ct));
        await client.UpdateAllParticipantsAsync(callId, mute, tooMany.Take(20).ToList(), cancellationToken: Ct);

        Assert.Single(await cluster.RequestsAsync(), r => r == $"PUT /api/v1/calls/{callId}/participants/*");
    }

    [Fact]
    public async Task AddParticipant_MeetingFull_ThrowsRefusedWithParticipantLimitReached()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var profile = await cluster.CreateCallProfileAsync(participantLimit: 1);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Small", $"callProfile={profile}"), cancellationToken: Ct);
        await client.AddParticipantAsync(callId, new AddParticipant("first@example.com"), Ct);

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.AddParticipantAsync(callId, new AddParticipant("second@example.com"), Ct));

        Assert.Equal(CmsErrorKind.Refused, e.Kind);
        Assert.True(e.HasReason("participantLimitReached"));
        Assert.Single(await client.ListParticipantsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task AddParticipant_InvalidRequest_ThrowsArgumentException()
    {
        using var client = new CmsClient(new CmsEndpoint(new Uri("http://127.0.0.1:9"), "admin", "x"));
        var callId = Guid.NewGuid().ToString();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddParticipantAsync(callId, new AddParticipant(""), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddParticipantAsync(callId, new AddParticipant("a@b") { CallBridge = "Core2" }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddParticipantAsync(callId, new AddParticipant("a@b") { Importance = -1 }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AdmitFromLobbyAsync("participant-1", Ct));
    }

    [Fact]
    public async Task GetParticipant_MissingId_ThrowsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.GetParticipantAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal(CmsErrorKind.NotFound, e.Kind);
    }

    private static async Task<CmsCallLeg> LegOfAsync(CmsClient client, string participantId)
    {
        var summary = Assert.Single(await client.ListCallLegsAsync(new CallLegFilter { Participant = participantId }, Ct).ToListAsync(Ct));
        return await client.GetCallLegAsync(summary.Id, Ct);
    }

    private static async Task<long?> ReceivedAudioAsync(CmsClient client, string participantId) =>
        (await LegOfAsync(client, participantId)).Status?.RxAudio?.BitRate;
}
