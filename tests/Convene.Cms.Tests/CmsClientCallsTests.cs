using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

public sealed class CmsClientCallsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCall_ForSpace_ReturnsIdOfCallNamedAfterSpace()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var space = await cluster.CreateSpaceAsync("Board meeting");

        var id = await client.CreateCallAsync(space, cancellationToken: Ct);
        var call = await client.GetCallAsync(id, Ct);

        Assert.Equal(id, call.Id);
        Assert.Equal("Board meeting", call.Name);
        Assert.Equal("coSpace", call.CallType);
        Assert.Equal(space, call.CoSpace);
        Assert.NotNull(call.CallCorrelator);
        Assert.Equal(0, call.NumCallLegs);
        Assert.Null(call.NumDistributedInstances); // CMS leaves the remote counts out of a call that is not distributed.
        Assert.False(call.Locked);
        Assert.True(call.ActiveWhenEmpty);
        Assert.Null(call.MessageText);
        Assert.Contains("POST /api/v1/calls", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task CreateCall_WithChanges_StartsWithThem()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var space = await cluster.CreateSpaceAsync("Locked from the start");

        var id = await client.CreateCallAsync(space, new CallChanges { Locked = true, AllowAllMuteSelf = true }, Ct);

        var call = await client.GetCallAsync(id, Ct);
        Assert.True(call.Locked);
        Assert.True(call.AllowAllMuteSelf);
    }

    [Fact]
    public async Task ListCalls_FilteredBySpace_ReturnsOnlyThatSpacesCallOverEveryPage()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => { SimulatorSeed.Timing(o); o.MaxPageSize = 2; }, new FakeTimeProvider());
        var client = cluster.Client();
        var spaces = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            spaces.Add(await cluster.CreateSpaceAsync($"Room {i}"));
        }
        var calls = new List<string>();
        foreach (var space in spaces)
        {
            calls.Add(await client.CreateCallAsync(space, cancellationToken: Ct));
        }

        var all = await client.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var one = await client.ListCallsAsync(coSpaceId: spaces[3], cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(calls.Order(), all.Select(c => c.Id).Order());
        var only = Assert.Single(one);
        Assert.Equal(calls[3], only.Id);
        Assert.Equal("Room 3", only.Name);
        Assert.Equal(spaces[3], only.CoSpace);
        Assert.NotNull(only.CallCorrelator);
        Assert.Contains($"GET /api/v1/calls?coSpaceFilter={spaces[3]}&offset=0&limit=50", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task UpdateCall_EverySetting_IsAppliedToTheCall()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Town hall"), cancellationToken: Ct);

        await client.UpdateCallAsync(id, new CallChanges
        {
            Recording = true,
            Streaming = true,
            AllowAllMuteSelf = true,
            AllowAllPresentationContribution = true,
            JoinAudioMuteOverride = true,
            MessageText = "Q&A at 10:30",
            MessagePosition = MessagePosition.Bottom,
            MessageDuration = MessageDuration.FromSeconds(60),
            ActiveWhenEmpty = false,
        }, Ct);

        var call = await client.GetCallAsync(id, Ct);
        Assert.True(call.Recording);
        Assert.True(call.Streaming);
        Assert.True(call.AllowAllMuteSelf);
        Assert.True(call.AllowAllPresentationContribution);
        Assert.True(call.JoinAudioMuteOverride);
        Assert.Equal("Q&A at 10:30", call.MessageText);
        Assert.Equal(MessagePosition.Bottom, call.MessagePosition);
        Assert.Equal(MessageDuration.FromSeconds(60), call.MessageDuration);
        Assert.False(call.ActiveWhenEmpty);
        Assert.Contains($"PUT /api/v1/calls/{id}", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task UpdateCall_ClearedJoinAudioMuteOverride_FallsBackToProfile()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Muted joiners"), new CallChanges { JoinAudioMuteOverride = true }, Ct);

        await client.UpdateCallAsync(id, new CallChanges { JoinAudioMuteOverride = CmsParam.Clear }, Ct);

        Assert.Null((await client.GetCallAsync(id, Ct)).JoinAudioMuteOverride);
    }

    [Fact]
    public async Task UpdateCall_NothingSet_ThrowsBeforeSending()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Nothing"), cancellationToken: Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateCallAsync(id, new CallChanges(), Ct));

        Assert.DoesNotContain($"PUT /api/v1/calls/{id}", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task LockCall_LockThenUnlock_TogglesLocked()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lobby"), cancellationToken: Ct);

        await client.LockCallAsync(id, true, Ct);
        var locked = await client.GetCallAsync(id, Ct);
        await client.LockCallAsync(id, false, Ct);
        var unlocked = await client.GetCallAsync(id, Ct);

        Assert.True(locked.Locked);
        Assert.False(unlocked.Locked);
    }

    [Fact]
    public async Task SetMessageBanner_Permanent_ShowsItAndClearRemovesIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Banner"), cancellationToken: Ct);

        await client.SetMessageBannerAsync(id, "Ends in 5 minutes", MessagePosition.Top, MessageDuration.Permanent, Ct);
        var shown = await client.GetCallAsync(id, Ct);
        await client.ClearMessageBannerAsync(id, Ct);
        var cleared = await client.GetCallAsync(id, Ct);

        Assert.Equal("Ends in 5 minutes", shown.MessageText);
        Assert.Equal(MessagePosition.Top, shown.MessagePosition);
        Assert.True(shown.MessageDuration?.IsPermanent);
        Assert.Null(cleared.MessageText);
        Assert.Equal(MessagePosition.Middle, cleared.MessagePosition); // CMS's defaults once cleared: middle, 0 seconds.
        Assert.Equal(0, cleared.MessageDuration?.Seconds);
    }

    [Fact]
    public async Task DeleteCall_Existing_EndsIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Short"), cancellationToken: Ct);

        await client.DeleteCallAsync(id, Ct);

        Assert.Empty(await client.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Contains($"DELETE /api/v1/calls/{id}", await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetCall_MissingId_ThrowsNotFoundWithCallDoesNotExist()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal(CmsErrorKind.NotFound, e.Kind);
        Assert.True(e.HasReason("callDoesNotExist"));
    }

    [Fact]
    public async Task CreateCall_UnknownSpace_ThrowsNotFoundWithCoSpaceDoesNotExist()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();

        var e = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateCallAsync(Guid.NewGuid().ToString(), cancellationToken: Ct));

        Assert.Equal(CmsErrorKind.NotFound, e.Kind);
        Assert.True(e.HasReason("coSpaceDoesNotExist"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("../system/status")]
    public async Task CallMethods_IdNotAGuid_ThrowArgumentException(string id)
    {
        using var client = new CmsClient(new CmsEndpoint(new Uri("http://127.0.0.1:9"), "admin", "x"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetCallAsync(id, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CreateCallAsync(id, cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DeleteCallAsync(id, Ct));
        Assert.ThrowsAny<ArgumentException>(() => client.ListCallsAsync(coSpaceId: id, cancellationToken: Ct));
    }

    [Fact]
    public void MessageDuration_WireForm_IsSecondsOrPermanent()
    {
        Assert.Equal("30", MessageDuration.FromSeconds(30).ToString());
        Assert.Equal("permanent", MessageDuration.Permanent.ToString());
        Assert.Equal(MessageDuration.FromSeconds(90), MessageDuration.FromTimeSpan(TimeSpan.FromMinutes(1.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageDuration.FromSeconds(-1));
    }
}
