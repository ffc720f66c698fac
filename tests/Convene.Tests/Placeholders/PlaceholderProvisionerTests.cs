using System.Net.Http.Json;
using Convene.Bridges;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Placeholders;

/// <summary>Provisioning that a crash interrupted is finished by the next start.</summary>
public abstract class PlaceholderProvisionerTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Theory(Timeout = 60_000)]
    [InlineData(ProvisioningState.Pending)]
    [InlineData(ProvisioningState.Running)]
    public async Task Start_WithABridgeLeftMidProvisioning_ResumesIt(ProvisioningState left)
    {
        var cluster = await StartClusterAsync(2);
        var database = await NewDatabaseAsync();
        Guid bridgeId;
        await using (var before = ConveneFactory.Start(database))
        {
            bridgeId = (await AddBridgeAsync(before.Client(), cluster)).Id;
            // The settings were saved, then the process died before the provisioner ran.
            await before.DbAsync(async db =>
            {
                var bridge = await db.Bridges.SingleAsync(b => b.Id == bridgeId, Ct);
                (bridge.Name, bridge.Domain, bridge.NumericIdBase, bridge.NumericIdQuantity, bridge.Provisioning) = ("Core", "video.example.com", 10, 4, left);
                return await db.SaveChangesAsync(Ct);
            });
        }

        var after = StartConvene(database);
        await after.ProvisioningIdleAsync(bridgeId);

        var client = after.Client();
        var resumed = await GetBridgeAsync(client, bridgeId);
        Assert.Equal(ProvisioningState.Complete, resumed.Provisioning);
        Assert.Equal([10L, 11, 12, 13], (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!.Select(p => p.NumericId));
        Assert.Equal(["TMS_Scheduled_Meeting_10", "TMS_Scheduled_Meeting_11", "TMS_Scheduled_Meeting_12", "TMS_Scheduled_Meeting_13"],
            (await cluster.SpacesAsync()).Select(s => s.Name));
    }
}

public sealed class PlaceholderProvisionerTests_Sqlite() : PlaceholderProvisionerTests(DatabaseKind.Sqlite, null);

public sealed class PlaceholderProvisionerTests_Postgres(PostgresServer postgres) : PlaceholderProvisionerTests(DatabaseKind.Postgres, postgres);
