using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Placeholders;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Tests.Placeholders;

/// <summary>Provisioning survives a real crash: Convene.dll as its own process, killed (SIGKILL) while its bulk
/// sync runs on the bridge, then started again on the same database and key file.</summary>
public abstract class ProvisioningKillTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    private const string SyncPost = "POST /api/v1/cospaceBulkSyncs";

    [Fact(Timeout = 120_000)]
    public async Task Restart_AfterAKillDuringASlowBulkSync_CompletesWithExactlyTheSpacesOfThatSync()
    {
        var time = new FakeTimeProvider();
        var cluster = Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.BulkSyncRunningTime = TimeSpan.FromMinutes(1); // on the simulator's clock, which only the test moves
        }, time, Ct));
        var folder = Directory.CreateTempSubdirectory("convene-kill-").FullName;
        try
        {
            var connectionString = await ConnectionStringAsync(folder);
            Guid bridgeId;
            string syncId;
            await using (var before = await ConveneProcess.StartAsync(folder, Kind, connectionString, Ct))
            {
                var client = before.AdminClient();
                bridgeId = (await AddBridgeAsync(client, cluster)).Id;
                await PutSettingsAsync(client, bridgeId, new BridgeSettings("Core", "video.example.com", 10, 4));
                syncId = await WhenPollingARunningSyncAsync(client, cluster, bridgeId);

                await before.KillAsync();
            }

            time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("complete", await cluster.WhenBulkSyncDone(syncId));
            using (var http = new HttpClient())
            {
                // Any further sync would now end at once: a second one shows as a second POST, not as a hang.
                using var fast = await http.PutAsJsonAsync(new Uri(cluster.ControlUrl, "sim/bulkSync"), new { pendingTime = "00:00:00", runningTime = "00:00:00" }, Ct);
                fast.EnsureSuccessStatusCode();
            }

            await using var after = await ConveneProcess.StartAsync(folder, Kind, connectionString, Ct);
            var client2 = after.AdminClient();
            var done = await WhenProvisioningEndsAsync(client2, bridgeId, after);

            Assert.True(done.Provisioning == ProvisioningState.Complete, $"Provisioning ended {done.Provisioning}: {done.ProvisioningError}");
            Assert.Null(done.ProvisioningError);
            await ProvisioningRecoveryTests.AssertPlaceholdersMatchTheBridgeAsync(client2, cluster, bridgeId, [10, 11, 12, 13]);
            var placeholders = (await client2.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!;
            Assert.Equal((await cluster.SpacesAsync()).Select(s => s.Id).Order(StringComparer.Ordinal), placeholders.Select(p => p.SpaceId).Order(StringComparer.Ordinal));
            Assert.All(placeholders, p => Assert.False(p.Adopted));
            // The sync that outlived the first process is taken as Convene's own: none is started again.
            Assert.Single(await RequestsAsync(cluster), r => r.Line == SyncPost);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Restart_AfterAKillBetweenSavingABridgeAndMakingItsProfiles_FinishesAddingItOnce()
    {
        var cluster = await StartClusterAsync(1);
        var node = cluster.Nodes[0].Name;
        // The bridge answers 503 to the call profile: the first Convene saved the bridge (state Adding) and then
        // waits, retrying for hours, until it is killed.
        cluster.SetFaults(node, new NodeFaults { Refusals = [new RequestRefusal { Method = "POST", PathContains = "callProfiles", Status = 503, Reason = "busy" }] });
        var folder = Directory.CreateTempSubdirectory("convene-kill-").FullName;
        try
        {
            var connectionString = await ConnectionStringAsync(folder);
            await using (var before = await ConveneProcess.StartAsync(folder, Kind, connectionString, Ct, "--Convene:Cms:MaxRetries", "10", "--Convene:Cms:RetryDelay", "01:00:00"))
            {
                var client = before.AdminClient();
                var adding = client.PostAsJsonAsync("/api/bridges", AddRequest(cluster), Ct);
                await WhenAsync(async () => (await client.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct)) is [{ State: BridgeState.Adding }]
                    && (await RequestsAsync(cluster)).Any(r => r.Line == "POST /api/v1/callProfiles"), "the bridge saved as Adding and its call profile asked for");

                await before.KillAsync();
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => adding);
            }
            cluster.SetFaults(node, new NodeFaults());

            await using var after = await ConveneProcess.StartAsync(folder, Kind, connectionString, Ct);
            var client2 = after.AdminClient();

            var bridge = Assert.Single((await client2.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
            Assert.Equal(BridgeState.Active, bridge.State);
            using var cms = cluster.Client();
            Assert.Single(await cms.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
            Assert.Single(await cms.ListCallLegProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
            // The profiles it recorded are the bridge's: placeholders made with them provision.
            await PutSettingsAsync(client2, bridge.Id, new BridgeSettings("Core", "video.example.com", 10, 2));
            var done = await WhenProvisioningEndsAsync(client2, bridge.Id, after);
            Assert.True(done.Provisioning == ProvisioningState.Complete, $"Provisioning ended {done.Provisioning}: {done.ProvisioningError}");
            await ProvisioningRecoveryTests.AssertPlaceholdersMatchTheBridgeAsync(client2, cluster, bridge.Id, [10, 11]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A new database: a SQLite file in the test's folder, or a PostgreSQL database.</summary>
    private async Task<string> ConnectionStringAsync(string folder) => Kind == DatabaseKind.Postgres
        ? (await NewDatabaseAsync()).ConnectionString
        : $"Data Source={Path.Combine(folder, "data", "convene.db")};Pooling=false";

    /// <summary>Polls until the condition holds, every 100 ms for 60 s at most.</summary>
    private static async Task WhenAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Not within 60 s: {what}.");
    }

    /// <summary>Waits (60 s at most) until the bridge provisions, its sync runs on the simulator and Convene has
    /// polled it (so it recorded the sync's id first); the sync's id.</summary>
    private static async Task<string> WhenPollingARunningSyncAsync(HttpClient client, CmsSimulatorHost cluster, Guid bridgeId)
    {
        using var cms = cluster.Client();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var location = (await TraceAsync(cluster)).FirstOrDefault(l => l.Contains("Location: /api/v1/cospaceBulkSyncs/", StringComparison.Ordinal));
            if (location?[(location.LastIndexOf('/') + 1)..] is { } syncId
                && (await GetBridgeAsync(client, bridgeId)).Provisioning == ProvisioningState.Running
                && (await cms.GetBulkSyncAsync(syncId, Ct)).Status == BulkSyncStatus.Running
                && (await RequestsAsync(cluster)).Any(r => r.Line == $"GET /api/v1/cospaceBulkSyncs/{syncId}"))
            {
                return syncId;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("Within 60 s Convene did not poll a running bulk sync of the bridge.");
    }

    /// <summary>Waits (60 s at most) until provisioning of the bridge is Complete or Failed.</summary>
    private static async Task<BridgeDto> WhenProvisioningEndsAsync(HttpClient client, Guid bridgeId, ConveneProcess convene)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var bridge = await GetBridgeAsync(client, bridgeId);
            if (bridge.Provisioning is ProvisioningState.Complete or ProvisioningState.Failed)
            {
                return bridge;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Within 60 s of the restart provisioning did not end: {await convene.OutputAsync()}");
    }
}

public sealed class ProvisioningKillTests_Sqlite() : ProvisioningKillTests(DatabaseKind.Sqlite, null);

public sealed class ProvisioningKillTests_Postgres(PostgresServer postgres) : ProvisioningKillTests(DatabaseKind.Postgres, postgres);
