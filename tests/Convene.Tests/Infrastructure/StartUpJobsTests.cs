using Quartz;

namespace Convene.Tests;

/// <summary>A test's Convene starts only once the start-up run of every periodic job is over, so nothing a test counts
/// afterwards races those runs; with the scheduler off there is none.</summary>
public abstract class StartUpJobsTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 120_000)] // ten jobs run before the start returns: as the other Quartz tests, more room on a loaded machine
    public async Task Start_SchedulerOn_ReturnsOnceEveryPeriodicJobHasRunOnce()
    {
        var convene = await StartConveneAsync();

        var scheduler = await convene.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var periodic = new List<JobKey>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), Ct))
        {
            if (await scheduler.GetTrigger(key, Ct) is ISimpleTrigger { RepeatCount: < 0 } trigger)
            {
                periodic.Add(trigger.JobKey);
            }
        }
        Assert.Contains(periodic, k => k.Name == "status");
        Assert.True(periodic.Count >= 10, $"periodic jobs: {string.Join(", ", periodic)}");
        Assert.All(periodic, k => Assert.True(convene.Jobs.Count(k) == 1, $"{k} ran {convene.Jobs.Count(k)} times"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_SchedulerOff_RunsNoJob()
    {
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");

        Assert.Null(convene.Services.GetService<ISchedulerFactory>());
        Assert.Equal(0, convene.Jobs.Count(Convene.Status.StatusJob.Key));
    }
}

public sealed class StartUpJobsTests_Sqlite() : StartUpJobsTests(DatabaseKind.Sqlite, null);

public sealed class StartUpJobsTests_Postgres(PostgresServer postgres) : StartUpJobsTests(DatabaseKind.Postgres, postgres);
