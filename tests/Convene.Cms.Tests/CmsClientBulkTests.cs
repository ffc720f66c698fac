using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

public sealed class CmsClientBulkTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // Long enough that the per-attempt timeout never fires while the test moves the fake clock.
    private static readonly CmsClientOptions Patient = new() { RequestTimeout = TimeSpan.FromHours(1) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateBulkParameterSetAsync_EveryValue_GetReturnsThemAndNoSpaceYet()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var callProfile = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 100 }, Ct);
        var legProfile = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { NeedsActivation = false }, Ct);

        var id = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges
        {
            StartIndex = 1, EndIndex = 5, UriMapping = "$index$", NameMapping = "TMS_Scheduled_Meeting_$index$", CallIdMapping = "$index$",
            CallProfile = callProfile, CallLegProfile = legProfile, NonMemberAccess = false,
        }, Ct);

        Assert.Equal(new CmsBulkParameterSet(id, 1, 5, "$index$", "TMS_Scheduled_Meeting_$index$", "$index$", null, callProfile, legProfile, false),
            await client.GetBulkParameterSetAsync(id, Ct));
        Assert.Equal([id], (await client.ListBulkParameterSetsAsync(Ct).ToListAsync(Ct)).Select(s => s.Id));
        Assert.Empty(await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task CreateBulkParameterSetAsync_NoRange_ThrowsBeforeSending()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            cluster.Client().CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, NameMapping = "x" }, Ct));

        Assert.Empty(await cluster.RequestsAsync());
    }

    [Fact]
    public async Task UpdateBulkParameterSetAsync_EndIndexOnly_SendsOnlyItAndKeepsMappings()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 5, UriMapping = "r.$index$" }, Ct);

        await client.UpdateBulkParameterSetAsync(id, new BulkParameterSetChanges { EndIndex = 9 }, Ct);

        Assert.Equal("endIndex=9", await cluster.FormAsync($"PUT /api/v1/cospaceBulkParameterSets/{id}"));
        var set = await client.GetBulkParameterSetAsync(id, Ct);
        Assert.Equal((1, 9, "r.$index$"), (set.StartIndex, set.EndIndex, set.UriMapping));
    }

    [Fact]
    public async Task DeleteBulkParameterSetAsync_AfterSync_KeepsItsSpaces()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 3, UriMapping = "r.$index$" }, Ct);
        await SyncAsync(cluster, client, id);

        await client.DeleteBulkParameterSetAsync(id, Ct);

        Assert.Equal(CmsErrorKind.NotFound, (await Assert.ThrowsAsync<CmsApiException>(() => client.GetBulkParameterSetAsync(id, Ct))).Kind);
        Assert.Equal(3, await client.ListSpacesAsync(cancellationToken: Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task StartBulkSyncAsync_Mappings_MakesTheNumberedSpaces()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges
        {
            StartIndex = 7, EndIndex = 9, UriMapping = "room.$index$",
            NameMapping = BulkParameterSetChanges.Mapping("Cost $", " room"), CallIdMapping = "88$index$",
        }, Ct);

        var sync = await SyncAsync(cluster, client, set);

        Assert.Equal(new CmsBulkSync(sync.Id, set, BulkSyncStatus.Complete, "complete", null), sync);
        Assert.Equal("cospaceBulkParameterSet=" + set, await cluster.FormAsync("POST /api/v1/cospaceBulkSyncs"));
        var spaces = await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(["Cost $7 room", "Cost $8 room", "Cost $9 room"], spaces.Select(s => s.Name));
        Assert.Equal(["room.7", "room.8", "room.9"], spaces.Select(s => s.Uri));
        Assert.Equal(["887", "888", "889"], spaces.Select(s => s.CallId));
    }

    [Fact]
    public async Task StartBulkSyncAsync_RemoveAll_RemovesOnlyTheSetsSpaces()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var other = await client.CreateSpaceAsync(new SpaceChanges { Uri = "standalone" }, Ct);
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 4, UriMapping = "r.$index$" }, Ct);
        await SyncAsync(cluster, client, set);

        var removal = await SyncAsync(cluster, client, set, removeAll: true);

        Assert.True(removal.RemoveAll);
        Assert.Equal(BulkSyncStatus.Complete, removal.Status);
        Assert.Equal("cospaceBulkParameterSet=" + set + "&removeAll=true", await cluster.FormAsync("POST /api/v1/cospaceBulkSyncs"));
        Assert.Equal([other], (await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task StartBulkSyncAsync_StartAfterEnd_EndsFailedIndexRangeInvalid()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 9, EndIndex = 1, UriMapping = "r.$index$" }, Ct);

        var sync = await SyncAsync(cluster, client, set);

        Assert.Equal(BulkSyncStatus.FailedIndexRangeInvalid, sync.Status);
        Assert.True(sync.IsTerminal);
        Assert.Empty(await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task StartBulkSyncAsync_UriTaken_EndsFailedUriConflictAndChangesNothing()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        await client.CreateSpaceAsync(new SpaceChanges { Uri = "r.2" }, Ct);
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 3, UriMapping = "r.$index$" }, Ct);

        var sync = await SyncAsync(cluster, client, set);

        Assert.Equal(BulkSyncStatus.FailedCoSpaceUriConflict, sync.Status);
        Assert.Equal(1, await client.ListSpacesAsync(cancellationToken: Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task WaitForBulkSyncAsync_PendingThenRunning_PollsOnTheSharedClockUntilComplete()
    {
        var fake = new FakeTimeProvider();
        var time = new ObservedTimeProvider(fake);
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            o.BulkSyncPendingTime = TimeSpan.FromSeconds(2);
            o.BulkSyncRunningTime = TimeSpan.FromSeconds(3);
        }, fake);
        var client = cluster.Client(0, Patient, time);
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 3, UriMapping = "r.$index$" }, Ct);
        var id = await client.StartBulkSyncAsync(set, cancellationToken: Ct);
        var started = fake.GetUtcNow();

        var sync = await DriveAsync(time, client.WaitForBulkSyncAsync(id, Poll, TimeSpan.FromMinutes(1), Ct));

        Assert.Equal(BulkSyncStatus.Complete, sync.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), fake.GetUtcNow() - started);
        Assert.Equal(6, (await cluster.RequestsAsync()).Count(r => r == $"GET /api/v1/cospaceBulkSyncs/{id}"));
        Assert.Equal(3, await client.ListSpacesAsync(cancellationToken: Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task WaitForBulkSyncAsync_StillPendingAtTimeout_ThrowsTimeoutException()
    {
        var fake = new FakeTimeProvider();
        var time = new ObservedTimeProvider(fake);
        await using var cluster = await SimulatedCluster.StartAsync(o => o.BulkSyncPendingTime = TimeSpan.FromHours(1), fake);
        var client = cluster.Client(0, Patient, time);
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges { StartIndex = 1, EndIndex = 3, UriMapping = "r.$index$" }, Ct);
        var id = await client.StartBulkSyncAsync(set, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => DriveAsync(time, client.WaitForBulkSyncAsync(id, Poll, TimeSpan.FromSeconds(5), Ct)));

        Assert.Contains("pending", error.Message, StringComparison.Ordinal);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Equal(6, (await cluster.RequestsAsync()).Count(r => r == $"GET /api/v1/cospaceBulkSyncs/{id}"));
        Assert.Equal("pending", (await client.GetBulkSyncAsync(id, Ct)).StatusText);
    }

    [Fact]
    public async Task GetBulkSyncAsync_UnknownId_IsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => cluster.Client().GetBulkSyncAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
    }

    /// <summary>Runs a sync to its end on the simulator's own clock, then reads it through the client.</summary>
    internal static async Task<CmsBulkSync> SyncAsync(SimulatedCluster cluster, CmsClient client, string set, bool removeAll = false)
    {
        var id = await client.StartBulkSyncAsync(set, removeAll, Ct);
        await cluster.Host.WhenBulkSyncDone(id).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return await client.GetBulkSyncAsync(id, Ct);
    }

    /// <summary>Moves the fake clock one poll interval each time the client starts waiting for one.</summary>
    private static async Task<T> DriveAsync<T>(ObservedTimeProvider time, Task<T> work)
    {
        while (!work.IsCompleted)
        {
            var timer = time.WaitForTimerAsync(Poll);
            if (await Task.WhenAny(work, timer) == timer)
            {
                await timer;
                time.Fake.Advance(Poll);
            }
        }
        return await work;
    }
}
