using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Placeholders;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Tests.Placeholders;

/// <summary>Provisioning always finishes: a bulk sync that outlives Convene (a crash) or its sync timeout is
/// Convene's own once it completes, and what Convene records is what the bridge has.</summary>
public abstract class ProvisioningRecoveryTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Restart_AfterACrashDuringASlowBulkSync_WaitsForItAndCompletesWithItsSpaces()
    {
        var (cluster, simulatorTime) = await StartSlowClusterAsync();
        var database = await NewDatabaseAsync();
        Guid bridgeId;
        await using (var before = ConveneFactory.Start(database))
        {
            var client = before.Client();
            bridgeId = (await AddBridgeAsync(client, cluster)).Id;
            var polls = before.Clock.Made(ConveneFactory.SyncPoll);
            await PutSettingsAsync(client, bridgeId, new BridgeSettings("Core", "video.example.com", 10, 4));
            await before.Clock.WhenMadeAsync(ConveneFactory.SyncPoll, polls); // the sync is pending on the bridge
        } // Convene dies while the sync runs.

        var after = StartConvene(database);
        await after.Clock.WhenMadeAsync(ConveneFactory.SyncPoll, 0); // the restarted Convene waits for that sync
        simulatorTime.Advance(TimeSpan.FromMinutes(2));
        await cluster.WhenBulkSyncDone(await LastSyncAsync(cluster));
        after.Clock.Advance(ConveneFactory.SyncPoll); // ends the wait the provisioner is in
        await after.ProvisioningIdleAsync(bridgeId);

        var client2 = after.Client();
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client2, bridgeId)).Provisioning);
        await AssertPlaceholdersMatchTheBridgeAsync(client2, cluster, bridgeId, [10, 11, 12, 13]);
        Assert.Single(await RequestsAsync(cluster), r => r.Line == "POST /api/v1/cospaceBulkSyncs");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NextAttempt_AfterTheSyncTimeoutPassedAndTheSyncCompleted_CompletesWithItsSpaces(bool byTheDriftCheck)
    {
        var (cluster, simulatorTime) = await StartSlowClusterAsync(TimeSpan.Zero);
        var convene = await StartConveneAsync(s => s["Convene:Placeholders:SyncTimeout"] = "00:00:02");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 10, 4));
        await convene.ProvisioningIdleAsync(bridge.Id);
        using (var http = new HttpClient())
        {
            using var slow = await http.PutAsJsonAsync(new Uri(cluster.ControlUrl, "sim/bulkSync"), new { pendingTime = "00:01:00", runningTime = "00:00:00" }, Ct);
            slow.EnsureSuccessStatusCode();
        }

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 10, 6));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var failed = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Failed, failed.Provisioning);
        Assert.Contains("still pending", failed.ProvisioningError, StringComparison.Ordinal);
        await AssertPlaceholdersMatchTheBridgeAsync(client, cluster, bridge.Id, [10, 11, 12, 13]); // the sync has changed nothing yet

        simulatorTime.Advance(TimeSpan.FromMinutes(2));
        await cluster.WhenBulkSyncDone(await LastSyncAsync(cluster));
        if (byTheDriftCheck)
        {
            await RunDriftCheckAsync(convene);
        }
        else
        {
            using var response = await client.PostAsync($"/api/bridges/{bridge.Id}/provision", null, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await convene.ProvisioningIdleAsync(bridge.Id);

        var done = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Complete, done.Provisioning);
        Assert.Null(done.ProvisioningError);
        await AssertPlaceholdersMatchTheBridgeAsync(client, cluster, bridge.Id, [10, 11, 12, 13, 14, 15]);
        Assert.Equal(6, (await cluster.SpacesAsync()).Count);
        Assert.Equal(2, (await RequestsAsync(cluster)).Count(r => r.Line == "POST /api/v1/cospaceBulkSyncs"));
        var tickets = (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets", Ct))!;
        Assert.Equal(TicketState.Resolved, Assert.Single(tickets, t => t.Type == TicketType.PlaceholderProvisioningFailed).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetRange_PartlyMadeByAnotherTool_FailsSayingHowMuchAndLeavesTheRecordAsTheBridge()
    {
        var cluster = await StartClusterAsync(1);
        await MakeTmsRangeAsync(cluster, 1, 3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var failed = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Failed, failed.Provisioning);
        Assert.StartsWith("3 of the 5 numeric IDs 1–5 already have a placeholder space made by another tool", failed.ProvisioningError, StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridge.Id}/placeholders", Ct))!);
    }

    [Fact(Timeout = 60_000)]
    public async Task ChangeRange_ToOneAnotherToolMadeWhole_AdoptsItAndTakesAwayConvenesOwn()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 100, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        await MakeTmsRangeAsync(cluster, 1, 5);
        var tms = (await cluster.SpacesAsync()).Where(s => s.Uri is "1" or "2" or "3" or "4" or "5").Select(s => s.Id).Order(StringComparer.Ordinal).ToList();

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        var placeholders = (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridge.Id}/placeholders", Ct))!;
        Assert.All(placeholders, p => Assert.True(p.Adopted));
        Assert.Equal(tms, placeholders.Select(p => p.SpaceId).Order(StringComparer.Ordinal));
        Assert.Equal(tms, (await cluster.SpacesAsync()).Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    private async Task<(CmsSimulatorHost Cluster, FakeTimeProvider Time)> StartSlowClusterAsync(TimeSpan? pending = null)
    {
        var time = new FakeTimeProvider();
        var cluster = Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.BulkSyncPendingTime = pending ?? TimeSpan.FromMinutes(1);
        }, time, Ct));
        return (cluster, time);
    }

    /// <summary>Runs the periodic drift check once, moving the clock on while provisioning polls a sync.</summary>
    internal static async Task RunDriftCheckAsync(ConveneFactory convene)
    {
        await using var scope = convene.Services.CreateAsyncScope();
        await convene.Clock.RunUntilAsync(scope.ServiceProvider.GetRequiredService<PlaceholderDriftCheck>().RunAsync(Ct), ConveneFactory.SyncPoll);
    }

    internal static async Task AssertPlaceholdersMatchTheBridgeAsync(HttpClient client, CmsSimulatorHost cluster, Guid bridgeId, long[] numbers)
    {
        var placeholders = (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!;
        Assert.Equal(numbers, placeholders.Select(p => p.NumericId));
        var spaces = (await cluster.SpacesAsync()).ToDictionary(s => s.Id);
        Assert.All(placeholders, p =>
        {
            Assert.True(spaces.TryGetValue(p.SpaceId, out var space), $"Placeholder {p.NumericId} ({p.SpaceId}) is not on the bridge.");
            Assert.Equal((p.Name, p.NumericId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (space!.Name, space.Uri));
        });
    }

    /// <summary>A range made as TMS makes it (its own bulk set and sync), from first to last.</summary>
    private static async Task MakeTmsRangeAsync(CmsSimulatorHost cluster, int first, int last)
    {
        using var cms = cluster.Client();
        var set = await cms.CreateBulkParameterSetAsync(new Cms.BulkParameterSetChanges
        {
            StartIndex = first, EndIndex = last, UriMapping = "", CallIdMapping = "", NameMapping = "TMS_Scheduled_Meeting_", NonMemberAccess = false,
        }, Ct);
        Assert.Equal("complete", await cluster.WhenBulkSyncDone(await cms.StartBulkSyncAsync(set, cancellationToken: Ct)));
    }

    private static async Task<string> LastSyncAsync(CmsSimulatorHost cluster)
    {
        var location = (await TraceAsync(cluster)).Last(l => l.Contains("Location: /api/v1/cospaceBulkSyncs/", StringComparison.Ordinal));
        return location[(location.LastIndexOf('/') + 1)..];
    }
}

public sealed class ProvisioningRecoveryTests_Sqlite() : ProvisioningRecoveryTests(DatabaseKind.Sqlite, null);

public sealed class ProvisioningRecoveryTests_Postgres(PostgresServer postgres) : ProvisioningRecoveryTests(DatabaseKind.Postgres, postgres);
