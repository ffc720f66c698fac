using Convene.Bridges;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Convene.Tests.Lifecycle;

/// <summary>The periodic sync reads the stored triggers in one query and changes only what differs from the plan; a
/// meeting's own start changes none of its triggers (a start storm writes no trigger).</summary>
public abstract class LifecycleSyncTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 180_000)]
    public async Task Sync_MeetingsAlreadyScheduled_ChangesNothingAndRepairsATimeChangedBehindItsBack()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SyncInterval"] = "1.00:00:00");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var first = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var second = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(20), placeholder: 1);
        await LifecycleSchedulingTests.UntilAsync(convene, () => LifecycleSchedulingTests.TriggerCountAsync(convene, first.Id), n => n == 4, "the first meeting's triggers");
        await LifecycleSchedulingTests.UntilAsync(convene, () => LifecycleSchedulingTests.TriggerCountAsync(convene, second.Id), n => n == 4, "the second meeting's triggers");
        var quartz = await convene.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var changes = new TriggerChanges();
        quartz.ListenerManager.AddSchedulerListener(changes);
        var scheduler = convene.Services.GetRequiredService<LifecycleScheduler>();

        await scheduler.SyncAllAsync(Ct);
        Assert.Empty(changes.Scheduled);
        Assert.Empty(changes.Unscheduled);

        // An end moved without the interceptor seeing it (a crash between the save and the scheduling).
        var movedEnd = second.EndUtc.AddMinutes(30);
        await convene.DbAsync(db => db.Meetings.Where(m => m.Id == second.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.EndUtc, movedEnd), Ct));
        await scheduler.SyncAllAsync(Ct);

        var end = await quartz.GetTrigger(new TriggerKey("end", second.Id.ToString("D")), Ct);
        Assert.Equal(movedEnd, end!.NextFireTimeUtc);
        var warning = await quartz.GetTrigger(new TriggerKey("warn-5", second.Id.ToString("D")), Ct);
        Assert.Equal(movedEnd.AddMinutes(-5), warning!.NextFireTimeUtc);
        // The end and both warnings of the second meeting; nothing of the first.
        Assert.Equal(["end", "warn-1", "warn-5"], changes.Scheduled.Select(k => k.Name).Order());
        Assert.All(changes.Scheduled, k => Assert.Equal(second.Id.ToString("D"), k.Group));
        Assert.Empty(changes.Unscheduled);
    }

    [Fact(Timeout = 180_000)]
    public async Task Interceptor_EngineMovesAMeetingThroughItsStart_SchedulesNothing()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SyncInterval"] = "1.00:00:00");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        await LifecycleSchedulingTests.UntilAsync(convene, () => LifecycleSchedulingTests.TriggerCountAsync(convene, booked.Id), n => n == 4, "the meeting's triggers");
        var quartz = await convene.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var changes = new TriggerChanges();
        quartz.ListenerManager.AddSchedulerListener(changes);

        foreach (var state in new[] { MeetingState.Starting, MeetingState.Running })
        {
            await convene.DbAsync(async db =>
            {
                var meeting = await db.Meetings.SingleAsync(m => m.Id == booked.Id, Ct);
                meeting.State = state;
                return await db.SaveChangesAsync(Ct);
            });
        }
        // A change the plan depends on is scheduled, and after it nothing else is pending.
        await convene.DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == booked.Id, Ct);
            meeting.EndUtc = meeting.EndUtc.AddMinutes(15);
            return await db.SaveChangesAsync(Ct);
        });
        await LifecycleSchedulingTests.UntilAsync(convene, () => Task.FromResult(changes.Scheduled.Length + changes.Unscheduled.Length), n => n >= 4, "four trigger changes");

        // The end and its two warnings, moved by the edit, and the start that never fired; the state changes wrote nothing.
        Assert.Equal(["end", "warn-1", "warn-5"], changes.Scheduled.Select(k => k.Name).Order());
        Assert.Equal(["start"], changes.Unscheduled.Select(k => k.Name));
    }

    /// <summary>The triggers scheduled (or rescheduled) and unscheduled on the scheduler.</summary>
    private sealed class TriggerChanges : ISchedulerListener
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TriggerKey> _scheduled = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<TriggerKey> _unscheduled = new();

        public TriggerKey[] Scheduled => _scheduled.ToArray();

        public TriggerKey[] Unscheduled => _unscheduled.Where(k => !_scheduled.Contains(k)).ToArray();

        public ValueTask JobScheduled(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken = default)
        {
            _scheduled.Enqueue(trigger.Key);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobUnscheduled(IScheduler scheduler, TriggerKey triggerKey, CancellationToken cancellationToken = default)
        {
            _unscheduled.Enqueue(triggerKey);
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class LifecycleSyncTests_Sqlite() : LifecycleSyncTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleSyncTests_Postgres(PostgresServer postgres) : LifecycleSyncTests(DatabaseKind.Postgres, postgres);
