using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Lifecycle;

/// <summary>
/// Notices meetings added or changed in any save (the booking API saves without calling the engine) and hands their
/// times to <see cref="LifecycleScheduler"/> once the save succeeded. A crash in between is repaired by the periodic sync.
/// </summary>
public sealed class MeetingSaveInterceptor(LifecycleScheduler scheduler) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<MeetingTimes>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var changed = context.ChangeTracker.Entries<Meeting>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && Scheduled.Any(p => e.Property(p).IsModified) && !EngineStep(e)))
            .Select(e => MeetingTimes.Of(e.Entity)).ToList();
        _pending.AddOrUpdate(context, changed);
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var changed))
        {
            _pending.Remove(context);
            foreach (var meeting in changed)
            {
                scheduler.Enqueue(meeting);
            }
        }
    }

    /// <summary>A save by the engine of its own step (Booked → Starting → Running → Ending): the plan keeps its triggers
    /// (<see cref="TransitionPlan"/>), so a start storm writes no trigger; the step in progress is its own trigger.</summary>
    private static bool EngineStep(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Meeting> e)
    {
        var state = e.Property(m => m.State);
        return state.IsModified && Meeting.ActiveStates.Contains(state.OriginalValue) && Meeting.LiveStates.Contains(state.CurrentValue)
            && Scheduled.Where(p => p != nameof(Meeting.State)).All(p => !e.Property(p).IsModified);
    }

    private static readonly string[] Scheduled =
        [nameof(Meeting.State), nameof(Meeting.StartUtc), nameof(Meeting.EndUtc), nameof(Meeting.EarlyJoinMinutes), nameof(Meeting.EndWarnings), nameof(Meeting.CancelRequested),
        nameof(Meeting.ExtendMode)];
}
