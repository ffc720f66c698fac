using Quartz;

namespace Convene.Lifecycle;

/// <summary>
/// Periodic work done once per cluster: a Quartz job of the lifecycle's scheduler, added with
/// <see cref="LifecycleExtensions.Periodic{TJob}"/> and marked <see cref="DisallowConcurrentExecutionAttribute"/>, so each
/// interval one instance runs it and no two firings overlap. With <c>Convene:Lifecycle:SchedulerEnabled=false</c> nothing
/// fires it; <see cref="LifecycleRunner.RunJobAsync{TJob}"/> runs it on demand (tests, tools).
/// </summary>
public interface IClusterJob : IJob
{
    /// <summary>Does the work once, on this instance; failures of single items are logged, not thrown.</summary>
    Task RunOnceAsync(CancellationToken cancellationToken);

    ValueTask IJob.Execute(IJobExecutionContext context, CancellationToken cancellationToken) => new(RunOnceAsync(cancellationToken));
}
