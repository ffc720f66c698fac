using Convene.Bridges;
using Convene.Cms;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>A bridge that a stop left half-added is finished at the next start, without a second profile.</summary>
public abstract class BridgeRecoveryTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Start_WithABridgeLeftAdding_MakesOnlyTheMissingProfileAndActivatesIt()
    {
        var cluster = await StartClusterAsync(2);
        var database = await NewDatabaseAsync();
        Guid bridgeId;
        string callProfile;
        await using (var before = ConveneFactory.Start(database))
        {
            bridgeId = (await AddBridgeAsync(before.Client(), cluster)).Id;
            // The call profile was made and saved; the process stopped before the call leg profile was.
            callProfile = await before.DbAsync(async db =>
            {
                var bridge = await db.Bridges.SingleAsync(b => b.Id == bridgeId, Ct);
                bridge.State = BridgeState.Adding;
                bridge.CallLegProfileId = null;
                await db.SaveChangesAsync(Ct);
                return bridge.CallProfileId!;
            });
        }
        using var cms = cluster.Client();
        var legProfilesBefore = await cms.ListCallLegProfilesAsync(cancellationToken: Ct).CountAsync(Ct);

        var after = StartConvene(database);

        var resumed = await GetBridgeAsync(after.Client(), bridgeId);
        Assert.Equal(BridgeState.Active, resumed.State);
        var row = await after.DbAsync(db => db.Bridges.SingleAsync(b => b.Id == bridgeId, Ct));
        Assert.Equal(callProfile, row.CallProfileId);
        Assert.NotNull(row.CallLegProfileId);
        Assert.Equal(Layout.Telepresence, (await cms.GetCallLegProfileAsync(row.CallLegProfileId, Ct)).DefaultLayout);
        Assert.Single(await cms.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(legProfilesBefore + 1, await cms.ListCallLegProfilesAsync(cancellationToken: Ct).CountAsync(Ct));
    }
}

public sealed class BridgeRecoveryTests_Sqlite() : BridgeRecoveryTests(DatabaseKind.Sqlite, null);

public sealed class BridgeRecoveryTests_Postgres(PostgresServer postgres) : BridgeRecoveryTests(DatabaseKind.Postgres, postgres);
