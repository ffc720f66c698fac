using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>A participant left dialling without a call leg by a crash (saved Dialling, the process gone before the
/// POST answered) on a running meeting: reconciliation finds the leg by its ownerId, and dials again only when the
/// bridge made none.</summary>
public abstract class LifecycleDialRecoveryTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    private static Task ReconcileAsync(ConveneFactory convene) => convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

    /// <summary>Convene with the live worker's ticks a day apart: its polling fallback would find the leg by its ownerId
    /// too, and this is about reconciliation alone.</summary>
    private async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, Guid BridgeId)> StartAsync()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            s["Convene:Live:TickInterval"] = "1.00:00:00";
        });
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new Convene.Bridges.BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        return (cluster, convene, bridge.Id);
    }

    /// <summary>The meeting's requests after the first <paramref name="skip"/> (the status poller's own left out).</summary>
    private static async Task<List<string>> MeetingLinesAfterAsync(CmsSimulatorHost cluster, int skip) =>
        (await LinesAfterAsync(cluster, skip)).Where(l => !l.Contains("/system/", StringComparison.Ordinal)).ToList();

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_DiallingWhoseLegTheBridgeMade_AdoptsTheLegWithoutDiallingAgain()
    {
        var (cluster, convene, bridgeId) = await StartAsync();
        var booked = await BookAsync(convene, bridgeId, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        var running = await MeetingAsync(convene, booked.Id);
        var leg = Assert.Single(running.Participants).CallLegId!;
        // The crash: the POST reached the bridge, its answer never reached the database.
        await convene.DbAsync(db => db.MeetingParticipants.Where(p => p.MeetingId == booked.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CallLegId, (string?)null).SetProperty(p => p.State, ParticipantState.Dialling), Ct));
        convene.Clock.Advance(TimeSpan.FromMinutes(2));
        var before = (await RequestsAsync(cluster)).Count;

        await ReconcileAsync(convene);

        var after = Assert.Single((await MeetingAsync(convene, booked.Id)).Participants);
        Assert.Equal((leg, 1), (after.CallLegId, after.Attempts));
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}", $"GET /api/v1/calls/{running.CallId}/callLegs?ownerIdSet=true&offset=0&limit=50", $"GET /api/v1/callLegs/{leg}"],
            await MeetingLinesAfterAsync(cluster, before));
        using var cms = cluster.Client();
        Assert.Single(await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_DiallingThatMadeNoLeg_DialsOnceAgainAfterTheEngineWasQuiet()
    {
        var (cluster, convene, bridgeId) = await StartAsync();
        var booked = await BookAsync(convene, bridgeId, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        // As a process killed while dialling a participant into a running meeting leaves it (a dial now, a retry, an
        // edit): saved Dialling, no leg recorded, and here none made.
        using (var bridge = cluster.Client())
        {
            await bridge.DeleteCallLegAsync((await MeetingAsync(convene, booked.Id)).Participants[0].CallLegId!, Ct);
        }
        await convene.DbAsync(db => db.MeetingParticipants.Where(p => p.MeetingId == booked.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.CallLegId, (string?)null).SetProperty(p => p.State, ParticipantState.Dialling), Ct));
        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        Assert.Equal((ParticipantState.Dialling, (string?)null, 1), (running.Participants[0].State, running.Participants[0].CallLegId, running.Participants[0].Attempts));

        // Within StaleDialAfter a dial-out may still be in flight elsewhere: nothing is looked up or dialled.
        var early = (await RequestsAsync(cluster)).Count;
        await ReconcileAsync(convene);
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}"], await MeetingLinesAfterAsync(cluster, early));

        convene.Clock.Advance(TimeSpan.FromMinutes(2));
        var before = (await RequestsAsync(cluster)).Count;
        await ReconcileAsync(convene);

        var after = Assert.Single((await MeetingAsync(convene, booked.Id)).Participants);
        Assert.NotNull(after.CallLegId);
        Assert.Equal(2, after.Attempts);
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}", $"GET /api/v1/calls/{running.CallId}/callLegs?ownerIdSet=true&offset=0&limit=50",
            $"POST /api/v1/calls/{running.CallId}/callLegs"], await MeetingLinesAfterAsync(cluster, before));
        using var cms = cluster.Client();
        Assert.Equal(after.CallLegId, Assert.Single(await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct)).Id);

        var again = (await RequestsAsync(cluster)).Count;
        convene.Clock.Advance(TimeSpan.FromMinutes(2));
        await ReconcileAsync(convene);
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}"], await MeetingLinesAfterAsync(cluster, again)); // recovered once, never dialled twice
    }
}

public sealed class LifecycleDialRecoveryTests_Sqlite() : LifecycleDialRecoveryTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleDialRecoveryTests_Postgres(PostgresServer postgres) : LifecycleDialRecoveryTests(DatabaseKind.Postgres, postgres);
