using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

/// <summary>
/// Notices meetings added or changed in any save (the booking API saves without calling the engine) and hands their
/// times to <see cref="LifecycleScheduler"/> once the save succeeded. A crash in between is repaired by the periodic sync.
/// </summary>
public sealed class MeetingSaveInterceptor(LifecycleScheduler scheduler) : SaveCollector<List<MeetingTimes>>
{
    protected override List<MeetingTimes> Collect(DbContext context) =>
        context.ChangeTracker.Entries<Meeting>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && Scheduled.Any(p => e.Property(p).IsModified) && !EngineStep(e)))
            .Select(e => MeetingTimes.Of(e.Entity)).ToList();

    protected override void Saved(DbContext context, List<MeetingTimes> collected)
    {
        foreach (var meeting in collected)
        {
            scheduler.Enqueue(meeting);
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
