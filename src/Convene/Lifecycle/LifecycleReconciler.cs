using Convene.Meetings;

namespace Convene.Lifecycle;

/// <summary>
/// Reconciliation of every meeting that is on a bridge or due: at start-up (before anything else of the lifecycle
/// runs) and periodically. Each meeting is repaired on its own (<see cref="LifecycleEngine.ReconcileAsync"/>); one that
/// fails is logged and tried again next time; one whose lease another live instance holds (<see cref="MeetingLeases"/>)
/// is left to that instance, without any CMS request. At start-up an instance that is not clustered first clears the
/// leases a previous process left (<see cref="MeetingLeases.ClearLeftoversAsync"/>), so a restart resumes at once. Then
/// the AutomaticBestEffort checks missed (Convene down, a trigger lost) are made
/// (<see cref="LifecycleEngine.MakeUpExtendChecksAsync"/>), and the call instances left on nodes that did not answer at
/// a meeting's end are deleted (<see cref="LifecycleEngine.DeleteLeftoverInstancesAsync"/>).
/// </summary>
public sealed class LifecycleReconciler(LifecycleEngine engine, LifecycleScheduler scheduler, MeetingLeases leases, TimeProvider time,
    ILogger<LifecycleReconciler> logger) : IHostedService
{
    public async Task ReconcileAllAsync(CancellationToken ct)
    {
        var live = await engine.MeetingsInAsync(Meeting.LiveStates, ct);
        var due = await engine.DueBookedAsync(time.GetUtcNow(), ct);
        foreach (var id in live.Concat(due).Distinct())
        {
            try
            {
                await engine.ReconcileAsync(id, ct);
            }
            catch (ProblemException e) when (e.Type == MeetingLeases.BusyType)
            {
                LifecycleLog.LeaseHeld(logger, id, e.Message);
            }
            catch (Exception e) when (e is Cms.CmsApiException or ProblemException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                LifecycleLog.ReconcileFailed(logger, e, id);
            }
        }
        try
        {
            await engine.MakeUpExtendChecksAsync(ct);
        }
        catch (Exception e) when (e is Cms.CmsApiException or ProblemException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LifecycleLog.ReconcileFailed(logger, e, Guid.Empty);
        }
        try
        {
            await engine.DeleteLeftoverInstancesAsync(ct);
        }
        catch (Exception e) when (e is Cms.CmsApiException or ProblemException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LifecycleLog.ReconcileFailed(logger, e, Guid.Empty);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await leases.ClearLeftoversAsync(cancellationToken) is > 0 and var cleared)
        {
            LifecycleLog.LeasesCleared(logger, cleared);
        }
        await engine.WarmUpAsync(cancellationToken);
        await ReconcileAllAsync(cancellationToken);
        await scheduler.SyncAllAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
