using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

public sealed class CmsClientCallLegsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DialOut_TmsStartSequence_ProgressesToConnectedWithFullyParsedStatus()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var space = await cluster.CreateSpaceAsync("TMS_Scheduled_Meeting_1");
        var callId = await client.CreateCallAsync(space, cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("desk.ex90@tkratzke.local") { Bandwidth = 1_000_000 }, Ct);
        var initial = await client.GetCallLegAsync(legId, Ct);
        time.Advance(SimulatorSeed.RingAfter);
        var ringing = await client.GetCallLegAsync(legId, Ct);
        time.Advance(SimulatorSeed.AnswerAfter);
        time.Advance(TimeSpan.FromSeconds(7));
        var leg = await client.GetCallLegAsync(legId, Ct);

        Assert.Equal(CallLegState.Initial, initial.Status?.State);
        Assert.Null(initial.Status?.RxAudio);
        Assert.Empty(initial.Status!.RxVideo);
        Assert.Equal(CallLegState.Ringing, ringing.Status?.State);
        Assert.Equal(legId, leg.Id);
        Assert.Equal("desk.ex90@tkratzke.local", leg.RemoteParty);
        Assert.Equal(callId, leg.Call);
        Assert.Equal("sip", leg.Type);
        Assert.Equal(CallLegDirection.Outgoing, leg.Direction);
        Assert.False(leg.IsDistributionLink);
        var status = leg.Status!;
        Assert.Equal(CallLegState.Connected, status.State);
        Assert.Equal(TimeSpan.FromSeconds(7), status.Duration);
        Assert.False(string.IsNullOrEmpty(status.SipCallId));
        Assert.NotNull(status.GroupId);
        Assert.NotEqual(true, status.Deactivated); // CMS leaves the flag out while it is false.
        Assert.True(status.EncryptedMedia);
        Assert.False(status.UnencryptedMedia);
        Assert.Equal(Layout.Automatic, status.ActiveLayout);
        Assert.Equal(1, status.AvailableVideoStreams);
        // As a real capture: codecBitRate on the receive side only, frame rates as decimals.
        Assert.Equal(new CmsMediaStream(null, "opus", null, null, null, 64_000, 64_000, 2, 0.0, null, null), status.RxAudio);
        Assert.Equal(new CmsMediaStream(null, "opus", null, null, null, 64_000, null, 2, 0.0, 12, null), status.TxAudio);
        var rxMain = Assert.Single(status.RxVideo);
        Assert.Equal(new CmsMediaStream("main", "h264", 1920, 1080, 29.9, 936_000, null, 3, 0.0, null, null), rxMain);
        Assert.Equal(new CmsMediaStream("main", "h264", 1920, 1080, 29.9, 936_000, null, 3, 0.0, 12, null), status.TxVideoOf("main"));
        Assert.Null(status.RxVideoOf("presentation"));
        Assert.Contains($"POST /api/v1/calls/{callId}/callLegs", await cluster.RequestsAsync());
        var trace = await cluster.TraceAsync();
        Assert.Contains(trace, l => l.EndsWith(": remoteParty=desk.ex90%40tkratzke.local&", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.EndsWith($": Location: /api/v1/callLegs/{legId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DialOut_WithOwnerIdLayoutAndOverrides_LegCarriesThem()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Overrides"), cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("room@example.com")
        {
            OwnerId = "convene-meeting-17-room",
            ChosenLayout = Layout.OnePlusFive,
            Confirmation = false,
            Overrides = new CallLegChanges { RxAudioMute = true, NameLabelOverride = "Room 4" },
        }, Ct);
        SimulatorSeed.Answer(time);
        var leg = await client.GetCallLegAsync(legId, Ct);

        Assert.Equal("convene-meeting-17-room", leg.OwnerId);
        Assert.Equal(Layout.OnePlusFive, leg.ChosenLayout);
        Assert.Equal(Layout.OnePlusFive, leg.Status?.ActiveLayout);
        Assert.Equal(0, leg.Status?.RxAudio?.BitRate);
        Assert.Equal(64_000, leg.Status?.TxAudio?.BitRate);
    }

    [Fact]
    public async Task DialOut_InvalidRequest_ThrowsBeforeSending()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Invalid"), cancellationToken: Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DialOutAsync(callId, new DialOut(" "), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DialOutAsync(callId, new DialOut("a@b") { Bandwidth = 0 }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DialOutAsync(callId, new DialOut("a@b") { CallLegProfile = "default" }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DialOutAsync(callId,
            new DialOut("a@b") { ChosenLayout = Layout.Stacked, Overrides = new CallLegChanges { ChosenLayout = Layout.AllEqual } }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DialOutAsync("not-a-call", new DialOut("a@b"), Ct));

        Assert.DoesNotContain($"POST /api/v1/calls/{callId}/callLegs", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task DialOut_MissingCall_ThrowsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.DialOutAsync(Guid.NewGuid().ToString(), new DialOut("a@b"), Ct));

        Assert.Equal(CmsErrorKind.NotFound, e.Kind);
        Assert.True(e.HasReason("callDoesNotExist"));
    }

    [Fact]
    public async Task ListCallLegs_NodeWideAndPerCall_ListEachCallsLegs()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var first = await client.CreateCallAsync(await cluster.CreateSpaceAsync("First"), cancellationToken: Ct);
        var second = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Second"), cancellationToken: Ct);
        var a = await client.DialOutAsync(first, new DialOut("alice@example.com"), Ct);
        var b = await client.DialOutAsync(second, new DialOut("bob@example.com"), Ct);

        var all = await client.ListCallLegsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var ofSecond = await client.ListCallLegsAsync(second, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(new[] { a, b }.Order(), all.Select(l => l.Id).Order());
        var only = Assert.Single(ofSecond);
        Assert.Equal(b, only.Id);
        Assert.Equal("bob@example.com", only.RemoteParty);
        Assert.Equal(second, only.Call);
        Assert.Empty(only.Alarms);
        var requests = await cluster.RequestsAsync();
        Assert.Contains("GET /api/v1/callLegs?offset=0&limit=50", requests);
        Assert.Contains($"GET /api/v1/calls/{second}/callLegs?offset=0&limit=50", requests);
    }

    [Fact]
    public async Task ListCallLegs_WithFilters_SendsThemAndGetsOnlyMatches()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Filters"), cancellationToken: Ct);
        var tagged = await client.DialOutAsync(callId, new DialOut("alice@example.com") { OwnerId = "x1", ChosenLayout = Layout.SpeakerOnly }, Ct);
        var plain = await client.DialOutAsync(callId, new DialOut("bob@example.com"), Ct);
        SimulatorSeed.Answer(time);
        var bobsParticipant = (await client.GetCallLegAsync(plain, Ct)).Status!.GroupId!;

        var byText = await client.ListCallLegsAsync(callId, new CallLegFilter { Text = "alice" }, Ct).ToListAsync(Ct);
        var withOwner = await client.ListCallLegsAsync(new CallLegFilter { OwnerIdSet = true }, Ct).ToListAsync(Ct);
        var withoutOwner = await client.ListCallLegsAsync(new CallLegFilter { OwnerIdSet = false }, Ct).ToListAsync(Ct);
        var speakerOnly = await client.ListCallLegsAsync(new CallLegFilter { ActiveLayout = Layout.SpeakerOnly }, Ct).ToListAsync(Ct);
        var ofBob = await client.ListCallLegsAsync(new CallLegFilter { Participant = bobsParticipant }, Ct).ToListAsync(Ct);

        Assert.Equal(tagged, Assert.Single(byText).Id);
        // Every dial-out carries an owner id: the caller's, or one the client makes up for recovery.
        Assert.Equal(new[] { tagged, plain }.Order(), withOwner.Select(l => l.Id).Order());
        Assert.Empty(withoutOwner);
        Assert.True(Guid.TryParse((await client.GetCallLegAsync(plain, Ct)).OwnerId, out _));
        Assert.Equal(tagged, Assert.Single(speakerOnly).Id);
        Assert.Equal(plain, Assert.Single(ofBob).Id);
        var requests = await cluster.RequestsAsync();
        Assert.Contains($"GET /api/v1/calls/{callId}/callLegs?filter=alice&offset=0&limit=50", requests);
        Assert.Contains("GET /api/v1/callLegs?activeLayoutFilter=speakerOnly&offset=0&limit=50", requests);
        Assert.Contains($"GET /api/v1/callLegs?participantFilter={bobsParticipant}&offset=0&limit=50", requests);
    }

    [Fact]
    public async Task MuteAudioAndVideo_ConnectedLeg_StopsWhatTheBridgeReceives()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Mutes"), cancellationToken: Ct);
        var legId = await client.DialOutAsync(callId, new DialOut("noisy@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.MuteAudioAsync(legId, true, Ct);
        await client.MuteVideoAsync(legId, true, Ct);
        var muted = (await client.GetCallLegAsync(legId, Ct)).Status!;
        await client.MuteAudioAsync(legId, false, Ct);
        var unmuted = (await client.GetCallLegAsync(legId, Ct)).Status!;

        Assert.Equal(0, muted.RxAudio?.BitRate);
        Assert.Equal(0, muted.RxVideoOf("main")?.BitRate);
        Assert.Equal(64_000, muted.TxAudio?.BitRate);
        Assert.Equal(64_000, unmuted.RxAudio?.BitRate);
        Assert.Equal(0, unmuted.RxVideoOf("main")?.BitRate);
        Assert.Equal(3, (await cluster.RequestsAsync()).Count(r => r == $"PUT /api/v1/callLegs/{legId}"));
    }

    [Fact]
    public async Task SetLayout_ConnectedLeg_ChangesChosenAndActiveLayout()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Layouts"), cancellationToken: Ct);
        var legId = await client.DialOutAsync(callId, new DialOut("viewer@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.SetLayoutAsync(legId, Layout.AllEqualTwentyFifths, Ct);

        var leg = await client.GetCallLegAsync(legId, Ct);
        Assert.Equal(Layout.AllEqualTwentyFifths, leg.ChosenLayout);
        Assert.Equal(Layout.AllEqualTwentyFifths, leg.Status?.ActiveLayout);
    }

    [Fact]
    public async Task UpdateCallLeg_DeactivatedAndNameLabel_AreApplied()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lobby leg"), cancellationToken: Ct);
        var legId = await client.DialOutAsync(callId, new DialOut("guest@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.UpdateCallLegAsync(legId, new CallLegChanges { Deactivated = true, NameLabelOverride = "Guest" }, Ct);
        var waiting = await client.GetCallLegAsync(legId, Ct);
        await client.UpdateCallLegAsync(legId, new CallLegChanges { Deactivated = false }, Ct);
        var admitted = await client.GetCallLegAsync(legId, Ct);

        Assert.True(waiting.Status?.Deactivated);
        Assert.NotEqual(true, admitted.Status?.Deactivated);
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateCallLegAsync(legId, new CallLegChanges(), Ct));
    }

    [Fact]
    public async Task DeleteCallLeg_Connected_HangsUp()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Hang up"), cancellationToken: Ct);
        var legId = await client.DialOutAsync(callId, new DialOut("bye@example.com"), Ct);
        SimulatorSeed.Answer(time);

        await client.DeleteCallLegAsync(legId, Ct);

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallLegAsync(legId, Ct));
        Assert.Equal(CmsErrorKind.NotFound, e.Kind);
        Assert.True(e.HasReason("callLegDoesNotExist"));
        Assert.Empty(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(0, (await client.GetCallAsync(callId, Ct)).NumCallLegs);
    }

    [Fact]
    public async Task FindCallLegByOwnerId_AfterLostDialOutAnswer_FindsLegOrNull()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Recovery"), cancellationToken: Ct);
        await client.DialOutAsync(callId, new DialOut("untagged@example.com"), Ct);
        await client.DialOutAsync(callId, new DialOut("other@example.com") { OwnerId = "meeting-1:other" }, Ct);
        var legId = await client.DialOutAsync(callId, new DialOut("room@example.com") { OwnerId = "meeting-1:room" }, Ct);

        var found = await client.FindCallLegByOwnerIdAsync(callId, "meeting-1:room", Ct);
        var missing = await client.FindCallLegByOwnerIdAsync(callId, "meeting-1:nobody", Ct);

        Assert.Equal(legId, found);
        Assert.Null(missing);
        var requests = await cluster.RequestsAsync();
        Assert.Contains($"GET /api/v1/calls/{callId}/callLegs?ownerIdSet=true&offset=0&limit=50", requests);
        Assert.Contains($"GET /api/v1/callLegs/{legId}", requests);
    }

    [Fact]
    public async Task GetCallLeg_MissingId_ThrowsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallLegAsync(Guid.NewGuid().ToString(), Ct));

        Assert.True(e.IsNotFound);
        Assert.True(e.HasReason("callLegDoesNotExist"));
    }
}
