using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Tests.Placeholders;

/// <summary>An administrator may save a bridge's settings while its placeholders are being made.</summary>
public abstract class ProvisioningConcurrencyTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task SaveSettings_WhileProvisioningRuns_BothAreKept()
    {
        var simulatorTime = new FakeTimeProvider();
        var cluster = Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.BulkSyncPendingTime = TimeSpan.FromMinutes(1);
        }, simulatorTime, Ct));
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var polls = convene.Clock.Made(ConveneFactory.SyncPoll);

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Before", "video.example.com", 70, 3));
        // The provisioner has started the sync and waits between polls of a sync that is still pending.
        await convene.Clock.WhenMadeAsync(ConveneFactory.SyncPoll, polls);
        Assert.Equal(ProvisioningState.Running, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("After", "video.example.com", 70, 3, AllowBooking: false));
        simulatorTime.Advance(TimeSpan.FromMinutes(2));
        await cluster.WhenBulkSyncDone(await LastSyncAsync(cluster));
        convene.Clock.Advance(ConveneFactory.SyncPoll); // ends the wait the provisioner is in
        await convene.ProvisioningIdleAsync(bridge.Id);

        var saved = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Complete, saved.Provisioning);
        Assert.Equal("After", saved.Name);
        Assert.False(saved.AllowBooking);
        Assert.Equal((70L, 3), (saved.ProvisionedBase!.Value, saved.ProvisionedQuantity!.Value));
    }

    [Fact(Timeout = 60_000)]
    public async Task RemoveBridge_WhileProvisioningRuns_IsRefusedUnlessForcedAndLeavesNoPlaceholderRows()
    {
        var simulatorTime = new FakeTimeProvider();
        var cluster = Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.BulkSyncPendingTime = TimeSpan.FromMinutes(1);
        }, simulatorTime, Ct));
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var polls = convene.Clock.Made(ConveneFactory.SyncPoll);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Busy", "video.example.com", 80, 2));
        await convene.Clock.WhenMadeAsync(ConveneFactory.SyncPoll, polls);

        using var refused = await client.DeleteAsync($"/api/bridges/{bridge.Id}", Ct);
        var problem = await ProblemAsync(refused, System.Net.HttpStatusCode.Conflict);
        Assert.Contains("are being made", problem.Title, StringComparison.Ordinal);

        // The removal's own bulk sync (removeAll) runs at once; the provisioning one stays pending.
        using (var http = new HttpClient())
        {
            using var timing = await http.PutAsJsonAsync(new Uri(cluster.ControlUrl, "sim/bulkSync"), new { pendingTime = "00:00:00", runningTime = "00:00:00" }, Ct);
            timing.EnsureSuccessStatusCode();
        }
        var removal = client.DeleteAsync($"/api/bridges/{bridge.Id}?force=true", Ct);
        await convene.Clock.RunUntilAsync(removal, ConveneFactory.SyncPoll);
        using (var forced = await removal)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, forced.StatusCode);
        }
        simulatorTime.Advance(TimeSpan.FromMinutes(2));
        convene.Clock.Advance(ConveneFactory.SyncPoll);
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(0, await convene.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Placeholders, Ct)));
        Assert.Equal(0, await convene.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Bridges, Ct)));
        Assert.Equal(0, await convene.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Tickets, Ct)));
    }

    /// <summary>The id of the bulk sync Convene started, from the Location the bridge answered.</summary>
    private static async Task<string> LastSyncAsync(CmsSimulatorHost cluster)
    {
        var trace = await TraceAsync(cluster);
        var location = trace.Last(l => l.Contains("Location: /api/v1/cospaceBulkSyncs/", StringComparison.Ordinal));
        return location[(location.LastIndexOf('/') + 1)..];
    }
}

public sealed class ProvisioningConcurrencyTests_Sqlite() : ProvisioningConcurrencyTests(DatabaseKind.Sqlite, null);

public sealed class ProvisioningConcurrencyTests_Postgres(PostgresServer postgres) : ProvisioningConcurrencyTests(DatabaseKind.Postgres, postgres);
