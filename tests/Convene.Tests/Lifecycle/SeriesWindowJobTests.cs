using Convene.Lifecycle;
using Convene.Meetings;
using Convene.Tests.Meetings;
using Quartz;

namespace Convene.Tests.Lifecycle;

/// <summary>The periodic job that rolls endless series on: the window moves on with the clock, once per run.</summary>
public abstract class SeriesWindowJobTests(DatabaseKind kind, PostgresServer? postgres) : BookingTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Run_TwoWeeksLater_MakesTheOccurrencesTheWindowNowCoversOnce()
    {
        await StartAsync(s =>
        {
            s["Convene:Meetings:SeriesWindow"] = "28.00:00:00";
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
        });
        await AddBridgeAsync(1);
        var series = await BookAsync(Request(recurrence: "FREQ=WEEKLY"));
        Assert.Equal([1, 8, 15, 22], series.Occurrences!.Select(o => o.Start.Day)); // now 2026-11-25 + 28 days
        var job = ActivatorUtilities.CreateInstance<SeriesWindowJob>(Convene.Services);
        Assert.Equal(0, await job.RunAsync(Ct));

        Convene.Clock.AdjustTime(Convene.Clock.GetUtcNow().AddDays(14)); // a jump: no periodic timer fires on the way

        Assert.Equal(2, await job.RunAsync(Ct));
        Assert.Equal(0, await job.RunAsync(Ct));
        var starts = await Convene.DbAsync(db => Task.FromResult(db.Meetings.Where(m => m.SeriesId == series.SeriesId).Select(m => m.StartLocal).ToList()));
        Assert.Equal([1, 8, 15, 22, 29, 5], starts.Order().Select(s => s.Day));
        var expanded = await Convene.DbAsync(db => Task.FromResult(db.MeetingSeries.Single(s => s.Id == series.SeriesId).ExpandedUntilUtc));
        Assert.Equal(Convene.Clock.GetUtcNow().AddDays(28), expanded);
    }

    [Fact(Timeout = 60_000)]
    public async Task Scheduler_Enabled_RunsTheJobPeriodicallyAtTheConfiguredInterval()
    {
        await StartAsync(s => s["Convene:Lifecycle:SeriesWindowInterval"] = "02:00:00");

        var scheduler = await Convene.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(new TriggerKey(SeriesWindowJob.Key.Name, SeriesWindowJob.Key.Group), Ct));

        Assert.Equal((TimeSpan.FromHours(2), -1), (trigger.RepeatInterval, trigger.RepeatCount));
        Assert.Equal(SeriesWindowJob.Key, trigger.JobKey);
    }
}

public sealed class SeriesWindowJobTests_Sqlite() : SeriesWindowJobTests(DatabaseKind.Sqlite, null);

public sealed class SeriesWindowJobTests_Postgres(PostgresServer postgres) : SeriesWindowJobTests(DatabaseKind.Postgres, postgres);
