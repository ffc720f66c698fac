using Convene.Bridges;
using Convene.Cms.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Tests.Placeholders;

/// <summary>An administrator may save a bridge's settings while its placeholders are being made.</summary>
public abstract class ProvisioningConcurrencyTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
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
