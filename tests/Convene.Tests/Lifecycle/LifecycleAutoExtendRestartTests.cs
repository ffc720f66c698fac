using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>An AutomaticBestEffort check missed while Convene was down is made at once when Convene is back before the
/// meeting's end.</summary>
public abstract class LifecycleAutoExtendRestartTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    /// <summary>Convene on <paramref name="database"/> whose clock reads <paramref name="at"/> from its first moment, so that
    /// its start-up sees the time it was down for.</summary>
    private ConveneFactory RestartAt(TestDatabase database, DateTimeOffset at, bool scheduler)
    {
        var factory = new ConveneFactory(database, s => s["Convene:Lifecycle:SchedulerEnabled"] = scheduler ? "true" : "false");
        factory.Clock.AdjustTime(at);
        factory.UseKestrel(0);
        factory.StartServer();
        return Own(factory);
    }

    private async Task<(Meeting Booked, ConveneFactory Convene)> RunningBestEffortAsync(params string[] dialOuts)
    {
        var (_, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Automatic, dialOuts);
        await convene.DbAsync(db => db.Meetings.Where(m => m.Id == booked.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExtendMode, ExtendMode.AutomaticBestEffort), Ct));
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        Assert.Equal(MeetingState.Running, (await MeetingAsync(convene, booked.Id)).State);
        return (booked, convene);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(true, 90)] // back between the check (2 minutes before the end) and the last warning (1 minute before)
    [InlineData(true, 30)] // back after the last warning too: it is not shown for the old end
    [InlineData(false, 90)] // without Quartz: reconciliation at start-up
    public async Task Restart_AfterTheMissedCheckBeforeTheEnd_DecidesAtOnce(bool scheduler, int secondsBeforeTheEnd)
    {
        var (booked, convene) = await RunningBestEffortAsync("bob@example.com");
        await convene.DisposeAsync();

        var restarted = RestartAt(convene.Database, booked.EndUtc.AddSeconds(-secondsBeforeTheEnd), scheduler);

        await ConveneEvents.UntilAsync(restarted, () => MeetingAsync(restarted, booked.Id), m => m.Extensions == 1, "the missed check made at once");
        var extended = await MeetingAsync(restarted, booked.Id);
        Assert.Equal((MeetingState.Running, booked.EndUtc.AddMinutes(15)), (extended.State, extended.EndUtc));
        var timeline = await restarted.DbAsync(db => db.MeetingEvents.Where(e => e.MeetingId == booked.Id).Select(e => e.Text).ToListAsync(Ct));
        Assert.DoesNotContain(timeline, t => t.StartsWith("End warning shown", StringComparison.Ordinal) && t.Contains("1 minute", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_MissedCheckThatDecidedNotToExtend_IsNotMadeTwice()
    {
        var (booked, convene) = await RunningBestEffortAsync(); // nobody dialled, nobody connected
        await convene.DisposeAsync();
        var restarted = RestartAt(convene.Database, booked.EndUtc.AddSeconds(-90), scheduler: false);
        Task<int> DecisionsAsync() => restarted.DbAsync(db => db.MeetingEvents.CountAsync(e => e.MeetingId == booked.Id && e.Text.StartsWith("Not extended automatically"), Ct));
        Assert.Equal(1, await DecisionsAsync()); // made by reconciliation at start-up

        await restarted.Services.GetRequiredService<Convene.Lifecycle.LifecycleReconciler>().ReconcileAllAsync(Ct);

        Assert.Equal(1, await DecisionsAsync());
        Assert.Equal((MeetingState.Running, booked.EndUtc), ((await MeetingAsync(restarted, booked.Id)).State, (await MeetingAsync(restarted, booked.Id)).EndUtc));
    }
}

public sealed class LifecycleAutoExtendRestartTests_Sqlite() : LifecycleAutoExtendRestartTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleAutoExtendRestartTests_Postgres(PostgresServer postgres) : LifecycleAutoExtendRestartTests(DatabaseKind.Postgres, postgres);
