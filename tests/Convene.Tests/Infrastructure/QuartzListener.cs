using Quartz;

namespace Convene.Tests;

/// <summary>Tells <see cref="ConveneEvents"/> when a scheduler stored or removed a trigger, or finished a job.</summary>
internal sealed class QuartzListener(string name, Action pulse) : ISchedulerListener, IJobListener
{
    public string Name => name;

    public ValueTask JobScheduled(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken = default) => Pulse();

    public ValueTask JobUnscheduled(IScheduler scheduler, TriggerKey triggerKey, CancellationToken cancellationToken = default) => Pulse();

    public ValueTask TriggerFinalized(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken = default) => Pulse();

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) => Pulse();

    private ValueTask Pulse()
    {
        pulse();
        return ValueTask.CompletedTask;
    }
}
