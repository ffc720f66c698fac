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
        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), ct);
        var plan = TransitionPlan.For(meeting, time.GetUtcNow());
        foreach (var step in plan)
        {
            var key = new TriggerKey(step.Name, group);
            if (existing.Contains(key) && await scheduler.GetTrigger(key, ct) is { } current && current.NextFireTimeUtc == step.FireAtUtc)
            {
                continue;
            }
            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(TransitionJob.Key)
                .UsingJobData(TransitionJob.MeetingKey, group).UsingJobData(TransitionJob.KindKey, step.Kind.ToString()).UsingJobData(TransitionJob.MinutesKey, step.Minutes)
                .StartAt(step.FireAtUtc).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            if (existing.Contains(key))
            {
                await scheduler.RescheduleJob(key, trigger, ct);
            }
            else
            {
                await scheduler.ScheduleJob(trigger, cancellationToken: ct);
            }
        }
        foreach (var stale in existing.Where(k => plan.All(p => p.Name != k.Name)))
        {
            await scheduler.UnscheduleJob(stale, ct);
        }
    }

    /// <summary>Schedules every active meeting and drops the triggers of meetings that are over or gone.</summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        var scheduler = await SchedulerAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var active = await db.Meetings.AsNoTracking().Where(m => Meeting.ActiveStates.Contains(m.State)).ToListAsync(ct);
        var ids = active.Select(m => m.Id.ToString("D")).ToHashSet();
        foreach (var meeting in active)
        {
            await ScheduleAsync(scheduler, MeetingTimes.Of(meeting), ct);
        }
        foreach (var group in await scheduler.GetTriggerGroupNames(ct))
        {
            if (Guid.TryParse(group, out _) && !ids.Contains(group))
            {
                foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), ct))
                {
                    await scheduler.UnscheduleJob(key, ct);
                }
            }
        }
    }
}
