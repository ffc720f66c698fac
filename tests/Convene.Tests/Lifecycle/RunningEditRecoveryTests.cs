using System.Net;
using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The crash gap of a running edit: the new title or PIN is saved with the space's push pending before the PUT,
/// and reconciliation pushes a pending one that a crash left (one PUT with the new values), so the space does not keep
/// the old title or PIN until the end.</summary>
public abstract class RunningEditRecoveryTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningTitle_IsSavedWithItsSpacePushPendingUntilThePutIsAnswered()
    {
        await StartWithPlaceholdersAsync(requestTimeout: "01:00:00"); // the clock moves on while the bridge holds the PUT
        var meeting = await RunningAsync(LaunchType.Manual);
        var waits = Convene.Clock.Made(TimeSpan.FromSeconds(10));
        var before = await SnapshotAsync();
        Faults(0, new NodeFaults { Latency = TimeSpan.FromSeconds(10) });

        var patching = PatchAsync(meeting.Id, new { title = "Budget review", pin = "98765" });
        await UntilAsync(async _ => (await SinceAsync(before)).Any(r => r.Line.StartsWith("PUT /api/v1/coSpaces/", StringComparison.Ordinal)), "the edit's PUT sent");
        var inFlight = await StoredAsync(meeting.Id);
        Faults(0, new NodeFaults());
        await Convene.Clock.RunUntilAsync(patching, TimeSpan.FromSeconds(10), waits);

        Assert.Equal(("Budget review", "98765", true), (inFlight.Title, inFlight.Pin, inFlight.SpacePending));
        Assert.Equal(HttpStatusCode.OK, (await patching).StatusCode);
        var done = await StoredAsync(meeting.Id);
        Assert.Equal((false, null), (done.SpacePending, done.LeaseOwner));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_AfterACrashBetweenAnEditsSaveAndItsPut_PushesTheNewTitleAndPinOnce()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        var space = await SpaceIdAsync(meeting);
        // What the edit's save leaves when the process dies before its PUT: the new values saved, the push pending.
        await Convene.DbAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Title, "Budget review")
            .SetProperty(m => m.Pin, "98765").SetProperty(m => m.SpacePending, true), Ct));
        var before = await SnapshotAsync();
        var reconciler = Convene.Services.GetRequiredService<LifecycleReconciler>();

        await reconciler.ReconcileAllAsync(Ct);
        await reconciler.ReconcileAllAsync(Ct);

        var puts = (await SinceAsync(before)).Where(r => r.Line.StartsWith("PUT ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{space}"], puts.Select(r => r.Line));
        Assert.Equal("name=Budget+review&passcode=*****", puts[0].Body);
        using var cms = Cluster.Client();
        var read = await cms.GetSpaceAsync(space, Ct);
        Assert.Equal("Budget review", read.Name);
        Assert.Equal("98765", read.Passcode);
        var after = await StoredAsync(meeting.Id);
        Assert.Equal((MeetingState.Running, false, null), (after.State, after.SpacePending, after.LeaseOwner));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_PendingPushTheBridgeRefuses_StaysPendingForTheNextRun()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        await Convene.DbAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Title, "Budget review")
            .SetProperty(m => m.SpacePending, true), Ct));
        Faults(0, new NodeFaults { Refusals = [new RequestRefusal { Method = "PUT", PathContains = "/coSpaces/", Status = 400, Times = 1 }] });
        var reconciler = Convene.Services.GetRequiredService<LifecycleReconciler>();

        await reconciler.ReconcileAllAsync(Ct);
        Assert.True((await StoredAsync(meeting.Id)).SpacePending);
        await reconciler.ReconcileAllAsync(Ct);

        Assert.False((await StoredAsync(meeting.Id)).SpacePending);
        using var cms = Cluster.Client();
        Assert.Equal("Budget review", (await cms.GetSpaceAsync(await SpaceIdAsync(meeting), Ct)).Name);
    }
}

public sealed class RunningEditRecoveryTests_Sqlite() : RunningEditRecoveryTests(DatabaseKind.Sqlite, null);

public sealed class RunningEditRecoveryTests_Postgres(PostgresServer postgres) : RunningEditRecoveryTests(DatabaseKind.Postgres, postgres);
