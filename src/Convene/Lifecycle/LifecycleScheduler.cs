using System.Threading.Channels;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Convene.Lifecycle;

/// <summary>
/// Keeps Quartz's triggers matching the meetings: one trigger group per meeting (its id), a trigger per planned
/// transition (<see cref="TransitionPlan"/>), all firing <see cref="TransitionJob"/>. Saved meetings arrive through
/// <see cref="Enqueue"/> (the save interceptor) and are scheduled after the commit; <see cref="SyncAllAsync"/> (at
/// start-up and periodically) repairs whatever a crash between a save and its scheduling left behind.
/// </summary>
public sealed class LifecycleScheduler(IServiceScopeFactory scopes, IServiceProvider services, IOptions<LifecycleOptions> options, TimeProvider time,
    ILogger<LifecycleScheduler> logger) : BackgroundService
{
    private readonly Channel<MeetingTimes> _queue = Channel.CreateUnbounded<MeetingTimes>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Schedules a saved meeting's transitions soon (never blocks the save).</summary>
    public void Enqueue(MeetingTimes meeting)
    {
        if (options.Value.SchedulerEnabled)
        {
            _queue.Writer.TryWrite(meeting);
        }
    }

    private async Task<IScheduler> SchedulerAsync(CancellationToken ct) =>
        await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        await foreach (var meeting in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ScheduleAsync(await SchedulerAsync(stoppingToken), meeting, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LifecycleLog.SchedulingFailed(logger, e, meeting.Id);
            }
        }
    }

    /// <summary>Makes the meeting's triggers exactly its planned transitions (none once it is over).</summary>
    public async Task ScheduleAsync(IScheduler scheduler, MeetingTimes meeting, CancellationToken ct)
    {
        var group = meeting.Id.ToString("D");
        var existing = new Dictionary<string, DateTimeOffset?>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), ct))
        {
            existing[key.Name] = (await scheduler.GetTrigger(key, ct))?.NextFireTimeUtc;
        }
        await ApplyAsync(scheduler, meeting, existing, ct);
    }

    /// <summary>Changes the meeting's triggers whose name or fire time differs from its plan: <paramref name="existing"/> is
    /// its triggers as stored (name → next fire time).</summary>
    private async Task ApplyAsync(IScheduler scheduler, MeetingTimes meeting, IReadOnlyDictionary<string, DateTimeOffset?> existing, CancellationToken ct)
    {
        var group = meeting.Id.ToString("D");
        var plan = TransitionPlan.For(meeting, time.GetUtcNow());
        foreach (var step in plan)
        {
            var key = new TriggerKey(step.Name, group);
            var stored = existing.TryGetValue(step.Name, out var next);
            if (stored && (next == step.FireAtUtc || next is null))
            {
                // Planned as it is, or fired and its transition running now: nothing to change.
                continue;
            }
            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(TransitionJob.Key)
                .UsingJobData(TransitionJob.MeetingKey, group).UsingJobData(TransitionJob.KindKey, step.Kind.ToString()).UsingJobData(TransitionJob.MinutesKey, step.Minutes)
                .StartAt(step.FireAtUtc).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            if (stored)
            {
                await scheduler.RescheduleJob(key, trigger, ct);
            }
            else
            {
                await scheduler.ScheduleJob(trigger, cancellationToken: ct);
            }
        }
        foreach (var stale in existing.Keys.Where(name => plan.All(p => p.Name != name)))
        {
            await scheduler.UnscheduleJob(new TriggerKey(stale, group), ct);
        }
    }

    /// <summary>Schedules every active meeting and drops the triggers of meetings that are over or gone. The stored triggers
    /// are read in one query of the job store's table (Convene's own schema, <see cref="QuartzSchema"/>), so a sync of
    /// thousands of bookings that are already scheduled costs two queries, not three per meeting.</summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        var scheduler = await SchedulerAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var active = await db.Meetings.AsNoTracking().Where(m => Meeting.ActiveStates.Contains(m.State))
            .Select(m => new MeetingTimes(m.Id, m.State, m.StartUtc, m.EndUtc, m.EarlyJoinMinutes, m.EndWarnings, m.CancelRequested, m.ExtendMode)).ToListAsync(ct);
        var stored = (await StoredTriggersAsync(db, scheduler.SchedulerName, ct))
            .Where(t => Guid.TryParse(t.Group, out _))
            .GroupBy(t => t.Group)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, DateTimeOffset?>)g.ToDictionary(t => t.Name, t => t.NextFireTime));
        var empty = new Dictionary<string, DateTimeOffset?>();
        foreach (var meeting in active)
        {
            var group = meeting.Id.ToString("D");
            await ApplyAsync(scheduler, meeting, stored.GetValueOrDefault(group, empty), ct);
            stored.Remove(group);
        }
        foreach (var (group, triggers) in stored)
        {
            foreach (var name in triggers.Keys)
            {
                await scheduler.UnscheduleJob(new TriggerKey(name, group), ct);
            }
        }
    }

    /// <summary>Every trigger of this scheduler as stored: group, name and next fire time (the job store keeps UTC
    /// ticks in <c>next_fire_time</c>).</summary>
    private static async Task<List<StoredTrigger>> StoredTriggersAsync(ConveneDb db, string schedulerName, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<StoredTriggerRow>(
            $"SELECT trigger_group AS \"Group\", trigger_name AS \"Name\", next_fire_time AS \"NextFireTime\" FROM {QuartzSchema.Prefix}triggers WHERE sched_name = {{0}}",
            schedulerName).ToListAsync(ct);
        return rows.Select(r => new StoredTrigger(r.Group, r.Name, r.NextFireTime is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null)).ToList();
    }

    private sealed record StoredTrigger(string Group, string Name, DateTimeOffset? NextFireTime);

    private sealed class StoredTriggerRow
    {
        public string Group { get; set; } = "";

        public string Name { get; set; } = "";

        public long? NextFireTime { get; set; }
    }
}
