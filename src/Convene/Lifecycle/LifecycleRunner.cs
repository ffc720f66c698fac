using System.Collections.Concurrent;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

/// <summary>
/// Runs every transition that is due now by the injected clock, without Quartz: what the triggers would fire, in
/// order; and any periodic job (<see cref="IClusterJob"/>: status poll, drift check, CDR registration, retries, polling)
/// once. For tests on a fake clock and for tools; each transition is idempotent, so running it next to Quartz is safe.
/// </summary>
public sealed class LifecycleRunner(IServiceScopeFactory scopes, LifecycleEngine engine, TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid, string, DateTimeOffset), bool> _fired = new();

    /// <summary>Runs the due transitions of every active meeting; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<Meeting> active;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            active = await db.Meetings.AsNoTracking().Where(m => Meeting.ActiveStates.Contains(m.State)).ToListAsync(ct);
        }
        var now = time.GetUtcNow();
        var ran = 0;
        await Parallel.ForEachAsync(active, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = 64 }, async (meeting, token) =>
        {
            var due = TransitionPlan.For(MeetingTimes.Of(meeting), DateTimeOffset.MinValue).Where(p => p.FireAtUtc <= now).ToList();
            // Of several warnings due, only the nearest to the end is worth showing.
            var warn = due.Where(p => p.Kind == TransitionKind.Warn).MinBy(p => p.Minutes);
            foreach (var step in due.Where(p => p.Kind != TransitionKind.Warn || p == warn).OrderBy(p => p.Kind == TransitionKind.End))
            {
                if (step.Kind == TransitionKind.Warn && !_fired.TryAdd((meeting.Id, step.Name, meeting.EndUtc), true))
                {
                    continue;
                }
                try
                {
                    await engine.RunAsync(meeting.Id, step.Kind, step.Minutes, token);
                    Interlocked.Increment(ref ran);
                }
                catch (Exception e) when (e is Cms.CmsApiException or ProblemException or InvalidOperationException or DbUpdateException)
                {
                    // As TransitionJob: the meeting stays in its persisted state and reconciliation finishes it.
                    break;
                }
            }
        });
        return ran;
    }

    /// <summary>Runs one periodic job's work now, on this instance, as its trigger would (in a scope of its own).</summary>
    public async Task RunJobAsync<TJob>(CancellationToken ct) where TJob : class, IClusterJob
    {
        await using var scope = scopes.CreateAsyncScope();
        await ActivatorUtilities.GetServiceOrCreateInstance<TJob>(scope.ServiceProvider).RunOnceAsync(ct);
    }
}
