using Quartz;

namespace Convene.Lifecycle;

/// <summary>
/// The Quartz job behind every meeting trigger: runs the trigger's transition through <see cref="LifecycleEngine"/>,
/// which decides from the meeting's state and the clock whether it is still due, so a recovered or misfired firing is
/// harmless. Durable and requests recovery: a transition whose instance died mid-way runs again on another.
/// </summary>
public sealed class TransitionJob(LifecycleEngine engine, ILogger<TransitionJob> logger) : IJob
{
    public static readonly JobKey Key = new("meeting-transition", "convene");

    public const string MeetingKey = "meetingId";
    public const string KindKey = "kind";
    public const string MinutesKey = "minutes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var meetingId = Guid.Parse(data.GetString(MeetingKey)!);
        var kind = Enum.Parse<TransitionKind>(data.GetString(KindKey)!);
        try
        {
            await engine.RunAsync(meetingId, kind, data.GetInt(MinutesKey), cancellationToken);
        }
        catch (Exception e) when (e is Cms.CmsApiException or ProblemException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Left in its persisted state (Starting, Ending): reconciliation finishes it.
            LifecycleLog.TransitionFailed(logger, e, kind.ToString(), meetingId);
        }
    }
}

/// <summary>Makes the triggers match the active meetings (periodic, once per cluster).</summary>
[DisallowConcurrentExecution]
public sealed class SyncJob(LifecycleScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("sync", "convene");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await scheduler.SyncAllAsync(cancellationToken);
}

/// <summary>Compares live meetings with their bridges and repairs them (periodic, once per cluster).</summary>
[DisallowConcurrentExecution]
public sealed class ReconcileJob(LifecycleReconciler reconciler) : IJob
{
    public static readonly JobKey Key = new("reconcile", "convene");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reconciler.ReconcileAllAsync(cancellationToken);
}

/// <summary>Moves running meetings off nodes found unreachable (periodic, once per cluster).</summary>
[DisallowConcurrentExecution]
public sealed class FailoverJob(LifecycleEngine engine) : IJob
{
    public static readonly JobKey Key = new("failover", "convene");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await engine.FailoverAsync(cancellationToken);
}
