using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;

namespace Convene.Tests.Lifecycle;

/// <summary>Crashes between the CMS requests of a start or an end, a node down at start and a node dying mid-meeting,
/// each followed by reconciliation: one call per meeting, no placeholder left open, participants dialled once.</summary>
public abstract class LifecycleRecoveryTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Start_InterruptedBetweenThePutAndThePost_IsFinishedByReconciliationWithOneCall()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        cluster.SetFaults(cluster.Nodes[0].Name, new NodeFaults { Refusals = [new RequestRefusal { Method = "POST", PathContains = "/calls", Status = 500, Times = 1 }] });

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        Assert.Equal(MeetingState.Starting, (await MeetingAsync(convene, booked.Id)).State);
        var before = (await RequestsAsync(cluster)).Count;

        await convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        Assert.Equal(4, (await LinesAfterAsync(cluster, before)).Count); // GET calls of the space, PUT, POST call, one dial-out
        using var cms = cluster.Client();
        var calls = await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(running.CallId, Assert.Single(calls).Id);
        Assert.Single(await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task End_InterruptedBetweenThePutAndTheDelete_IsFinishedByReconciliationAfterARestart()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        await RunAtAsync(convene, booked.StartUtc);
        cluster.SetFaults(cluster.Nodes[0].Name, new NodeFaults { Refusals = [new RequestRefusal { Method = "DELETE", PathContains = "/calls/", Status = 500, Times = 1 }] });
        await RunAtAsync(convene, booked.EndUtc);
        Assert.Equal(MeetingState.Ending, (await MeetingAsync(convene, booked.Id)).State);
        var at = convene.Clock.GetUtcNow();
        await convene.DisposeAsync();

        // A restart: reconciliation at start-up finishes the end.
        var restarted = StartConvene(convene.Database, s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        restarted.Clock.AdjustTime(at);
        await restarted.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        Assert.Equal(MeetingState.Ended, (await MeetingAsync(restarted, booked.Id)).State);
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        var space = await PlaceholderAsync(restarted, booked.PlaceholderId!.Value);
        Assert.False((await cms.GetSpaceAsync(space.SpaceId, Ct)).NonMemberAccess);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_WhenThePreferredNodeIsDown_StartsOnAnotherNode()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 2);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await cluster.TakeDownAsync(cluster.Nodes[0].Name);

        await RunAtAsync(convene, booked.StartUtc);

        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        var node = await convene.DbAsync(db => Task.FromResult(db.BridgeNodes.Single(n => n.Id == running.CallNodeId)));
        Assert.Equal(cluster.Nodes[1].Name, node.Name);
        using var cms = cluster.Client(1);
        Assert.Single(await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_WhenTheHostingNodeDies_MakesTheCallOnAnotherNodeAndDialsAgain()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 2);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com", "carol@example.com"]);
        await RunAtAsync(convene, booked.StartUtc);
        var first = await MeetingAsync(convene, booked.Id);
        var hostIndex = cluster.Nodes.ToList().FindIndex(n => n.Name == convene.DbAsync(db => Task.FromResult(db.BridgeNodes.Single(x => x.Id == first.CallNodeId).Name)).Result);
        await cluster.TakeDownAsync(cluster.Nodes[hostIndex].Name);

        await convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var moved = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, moved.State);
        Assert.NotEqual(first.CallNodeId, moved.CallNodeId);
        using var cms = cluster.Client(1 - hostIndex);
        Assert.Equal(2, (await cms.ListCallLegsAsync(moved.CallId!, cancellationToken: Ct).ToListAsync(Ct)).Count);
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_WhenTheHostingNodeAnswersTheCheckWithAnError_KeepsTheCallWhereItIs()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 2);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await RunAtAsync(convene, booked.StartUtc);
        var first = await MeetingAsync(convene, booked.Id);
        var host = await convene.DbAsync(db => Task.FromResult(db.BridgeNodes.Single(x => x.Id == first.CallNodeId).Name));
        // The check of the call fails, retries included (a node that is alive but answers badly): no second call, no re-dial.
        cluster.SetFaults(host, new NodeFaults { Refusals = [new RequestRefusal { Method = "GET", PathContains = $"/calls/{first.CallId}", Status = 500, Times = 10 }] });
        var before = (await RequestsAsync(cluster)).Count;

        await convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var after = await MeetingAsync(convene, booked.Id);
        Assert.Equal((MeetingState.Running, first.CallId, first.CallNodeId), (after.State, after.CallId, after.CallNodeId));
        Assert.DoesNotContain(await LinesAfterAsync(cluster, before), l => l.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Failover_WhenTheStatusPollerFoundTheNodeUnreachable_MovesTheMeetingAndDialsAgain()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 2);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await RunAtAsync(convene, booked.StartUtc);
        var first = await MeetingAsync(convene, booked.Id);
        var host = await convene.DbAsync(async db =>
        {
            var node = db.BridgeNodes.Single(n => n.Id == first.CallNodeId);
            node.Reachable = false;
            await db.SaveChangesAsync(Ct);
            return node.Name;
        });
        await cluster.TakeDownAsync(host);

        await convene.Services.GetRequiredService<LifecycleEngine>().FailoverAsync(Ct);

        var moved = await MeetingAsync(convene, booked.Id);
        Assert.NotEqual(first.CallNodeId, moved.CallNodeId);
        Assert.NotNull(Assert.Single(moved.Participants).CallLegId);
        Assert.Equal(1, Assert.Single(moved.Participants).Attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task CancelRequested_OnARunningMeeting_EndsItAsCancelled()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        await RunAtAsync(convene, booked.StartUtc);
        await convene.DbAsync(async db =>
        {
            var meeting = db.Meetings.Single(m => m.Id == booked.Id);
            meeting.CancelRequested = true;
            meeting.Version++;
            return await db.SaveChangesAsync(Ct);
        });

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(1));

        Assert.Equal(MeetingState.Cancelled, (await MeetingAsync(convene, booked.Id)).State);
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task Restart_MidMeeting_KeepsTheCallAndEndsItOnTime()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await RunAtAsync(convene, booked.StartUtc);
        var before = await MeetingAsync(convene, booked.Id);
        var at = convene.Clock.GetUtcNow();
        await convene.DisposeAsync();

        var restarted = StartConvene(convene.Database, s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        restarted.Clock.AdjustTime(at.AddMinutes(10));
        await restarted.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);
        var after = await MeetingAsync(restarted, booked.Id);
        Assert.Equal((MeetingState.Running, before.CallId), (after.State, after.CallId));
        Assert.Equal(1, Assert.Single(after.Participants).Attempts);

        await RunAtAsync(restarted, booked.EndUtc);
        Assert.Equal(MeetingState.Ended, (await MeetingAsync(restarted, booked.Id)).State);
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }
}

public sealed class LifecycleRecoveryTests_Sqlite() : LifecycleRecoveryTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleRecoveryTests_Postgres(PostgresServer postgres) : LifecycleRecoveryTests(DatabaseKind.Postgres, postgres);
