using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Status;
using Quartz;

namespace Convene.Tests.Status;

/// <summary>The status poll as a Quartz job: at start-up, then every interval, once per cluster however many instances
/// run (counted in the simulator's own trace of <c>GET /api/v1/system/status</c>).</summary>
public abstract class StatusJobTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    protected static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 120_000)]
    public async Task StatusJob_AfterARestart_PollsEveryNodeAtStartUpThenEveryInterval()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var database = await NewDatabaseAsync();
        var first = StartConvene(database);
        var bridge = await AddBridgeAsync(first.Client(), cluster);
        await first.DisposeAsync();
        var before = await StatusRequestsAsync(cluster);

        // No time passes on the restarted instance's clock: only a poll at start-up can reach the nodes.
        var restarted = StartConvene(database);
        await using var events = await ConveneEvents.ListenAsync(restarted);
        await events.UntilAsync(() => StatusRequestsAsync(cluster), n => n >= before + 2, "a poll of both nodes at start-up");
        // The poll's outcome is saved once both answers are in.
        await events.UntilAsync(async () => (await GetBridgeAsync(restarted.Client(), bridge.Id)).Nodes.All(n => n.Reachable == true), all => all,
            "both nodes reachable after the start-up poll");

        restarted.Clock.Advance(Interval);
        await events.UntilAsync(() => StatusRequestsAsync(cluster), n => n >= before + 4, "the poll one interval later");
        await IdleAsync(events, restarted);
        Assert.Equal(before + 4, await StatusRequestsAsync(cluster));
    }

    [Fact(Timeout = 60_000)]
    public async Task StatusJob_SchedulerOff_RunsOnlyWhenTheRunnerRunsIt()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        var bridge = await AddBridgeAsync(convene.Client(), cluster);
        var before = await StatusRequestsAsync(cluster);

        convene.Clock.Advance(Interval * 3);
        Assert.Equal(before, await StatusRequestsAsync(cluster));
        await convene.Services.GetRequiredService<LifecycleRunner>().RunJobAsync<StatusJob>(Ct);

        Assert.Equal(before + 2, await StatusRequestsAsync(cluster));
        Assert.All((await GetBridgeAsync(convene.Client(), bridge.Id)).Nodes, n => Assert.True(n.Reachable));
    }

    /// <summary>How many <c>GET /api/v1/system/status</c> every node of the cluster received so far.</summary>
    protected static async Task<int> StatusRequestsAsync(CmsSimulatorHost cluster) =>
        (await RequestsAsync(cluster)).Count(r => r.Line == "GET /api/v1/system/status");

    /// <summary>Waits until the status trigger (one row shared by the cluster) is next due after every instance's now:
    /// it has fired for this moment, and nothing more is polled until the clocks move.</summary>
    protected static Task IdleAsync(ConveneEvents events, params ConveneFactory[] convenes) =>
        events.UntilAsync(async () =>
        {
            foreach (var convene in convenes)
            {
                var scheduler = await convene.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
                var trigger = await scheduler.GetTrigger(new TriggerKey(StatusJob.Key.Name, StatusJob.Key.Group), Ct);
                if (trigger?.NextFireTimeUtc is not { } next || next <= convene.Clock.GetUtcNow())
                {
                    return false;
                }
            }
            return true;
        }, idle => idle, "the status trigger due only after now");
}

public sealed class StatusJobTests_Sqlite() : StatusJobTests(DatabaseKind.Sqlite, null);

public sealed class StatusJobTests_Postgres(PostgresServer postgres) : StatusJobTests(DatabaseKind.Postgres, postgres)
{
    [Fact(Timeout = 180_000)]
    public async Task StatusJob_TwoInstancesOnOneDatabase_PollEachNodeOncePerInterval()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var database = await NewDatabaseAsync();
        var first = StartConvene(database);
        await using (var alone = await ConveneEvents.ListenAsync(first))
        {
            await IdleAsync(alone, first); // its start-up poll is over: there was no bridge to poll
        }
        await AddBridgeAsync(first.Client(), cluster);
        // Counted before the second instance starts: its start-up poll may come at once.
        var before = await StatusRequestsAsync(cluster);
        var second = StartConvene(database, awaitStartUpJobs: false); // the first instance may run its start-up jobs
        second.Clock.AdjustTime(first.Clock.GetUtcNow());
        await using var events = await ConveneEvents.ListenAsync(first, second);

        // The second start stored the trigger again: one poll of each node at once, by one of the two.
        await events.UntilAsync(() => StatusRequestsAsync(cluster), n => n >= before + 2, "the poll at the second start-up");
        await IdleAsync(events, first, second);
        Assert.Equal(before + 2, await StatusRequestsAsync(cluster));
        for (var round = 1; round <= 3; round++)
        {
            first.Clock.Advance(Interval);
            second.Clock.Advance(Interval);
            var expected = before + 2 + (round * 2);
            await events.UntilAsync(() => StatusRequestsAsync(cluster), n => n >= expected, $"the poll of interval {round}");
            await IdleAsync(events, first, second);
            Assert.Equal(expected, await StatusRequestsAsync(cluster));
        }
    }
}
