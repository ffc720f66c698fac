using Convene.Bridges;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Lifecycle;

/// <summary>The transitions a meeting can make.</summary>
public enum TransitionKind
{
    Start,
    Warn,
    End,

    /// <summary>AutomaticBestEffort's check, before the end (<see cref="TransitionPlan.ExtendCheckAt"/>).</summary>
    ExtendCheck,
}

/// <summary>
/// Carries out a meeting's transitions on its bridge. Every transition is idempotent: it reads the meeting's
/// state, persists the next state before touching the CMS, and finishes one interrupted earlier (a recovered
/// Quartz job, reconciliation) without repeating what the bridge already did. Times come from the injected
/// <see cref="TimeProvider"/>; a transition that is not due yet does nothing, one whose time has passed for good
/// is recorded as missed.
/// </summary>
public sealed partial class LifecycleEngine(IServiceScopeFactory scopes, BridgeConnections connections, NodeGates gates, MeetingLocks locks,
    MeetingLeases leases, LifecycleMetrics metrics, IOptions<LifecycleOptions> options, IOptions<MeetingsOptions> meetingsOptions, TimeProvider time, ILogger<LifecycleEngine> logger)
{
    private LifecycleOptions Options => options.Value;

    /// <summary>Runs one transition of a meeting if it is due. <paramref name="minutes"/> is the warning's minutes. A meeting
    /// another instance holds (<see cref="MeetingLeases"/>: a repair or an edit, mostly short) is tried again every
    /// <see cref="BusyRetry"/> of real time, at most <see cref="BusyAttempts"/> times; then the 409 is thrown and
    /// reconciliation carries the transition out later.</summary>
    public async Task RunAsync(Guid meetingId, TransitionKind kind, int minutes, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunOnceAsync(meetingId, kind, minutes, ct);
                return;
            }
            catch (ProblemException e) when (e.Type == MeetingLeases.BusyType && attempt < BusyAttempts)
            {
                // A back-off in real time: the fake clock of a test must not hold a trigger up.
                await Task.Delay(BusyRetry, TimeProvider.System, ct);
            }
        }
    }

    /// <summary>How often a trigger whose meeting another instance holds is tried (<see cref="RunAsync"/>).</summary>
    internal const int BusyAttempts = 10;

    /// <summary>The wait between two tries of a trigger whose meeting another instance holds.</summary>
    internal static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(500);

    private Task RunOnceAsync(Guid meetingId, TransitionKind kind, int minutes, CancellationToken ct) => kind switch
    {
        TransitionKind.Start => StartAsync(meetingId, ct),
        TransitionKind.Warn => WarnAsync(meetingId, minutes, ct),
        TransitionKind.ExtendCheck => ExtendCheckAsync(meetingId, ct),
        _ => EndAsync(meetingId, force: false, ct),
    };

    /// <summary>Loads the meeting (tracked, with participants) and its bridge under the meeting's lock and its lease
    /// (<see cref="MeetingLeases"/>: taken before the meeting is read, renewed and released by the run's saves, released
    /// at the end otherwise) and runs <paramref name="work"/>; a concurrent change by another instance makes it start
    /// over once.</summary>
    /// <exception cref="ProblemException">409 <see cref="MeetingLeases.BusyType"/> when another live instance holds the meeting.</exception>
    private async Task<T> WithMeetingAsync<T>(Guid meetingId, Func<MeetingRun, Task<T>> work, T missing, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(meetingId, ct);
        MeetingLease? lease = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (lease is null or { Released: true })
                {
                    lease = await leases.TakeAsync(meetingId, ct);
                    if (lease.TakenFrom is { } dead)
                    {
                        LifecycleLog.LeaseTakenOver(logger, meetingId, dead);
                    }
                }
                if (await RunAttemptAsync(meetingId, lease, work, attempt) is (true, var result))
                {
                    return result;
                }
            }
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }

        async Task<(bool Done, T Result)> RunAttemptAsync(Guid id, MeetingLease taken, Func<MeetingRun, Task<T>> run, int attempt)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            var meeting = await LoadMeetingAsync(db, id, ct);
            if (meeting is null)
            {
                return (true, missing);
            }
            taken.Watch(db, meeting);
            var bridge = await LoadBridgeAsync(db, meeting.BridgeId, ct)
                ?? throw new InvalidOperationException($"Meeting {meeting.Id} belongs to bridge {meeting.BridgeId}, which is not in the database.");
            var placeholder = meeting.PlaceholderId is { } pid ? await LoadPlaceholderAsync(db, pid, ct) : null;
            try
            {
                return (true, await run(new MeetingRun(db, meeting, bridge, placeholder, connections, gates, time)));
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                // Changed meanwhile (an edit, another instance): read it again and decide anew.
                return (false, missing);
            }
        }
    }

    /// <summary>Runs the queries every transition makes once, at start-up, for ids that match nothing. EF Core compiles a
    /// query shape on its first run, and concurrent first runs wait for that one compilation by spinning: the first
    /// transitions of a start storm (128 at once) burnt the first second of it so.</summary>
    internal async Task WarmUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        await LoadMeetingAsync(db, Guid.Empty, ct);
        await LoadBridgeAsync(db, Guid.Empty, ct);
        await LoadPlaceholderAsync(db, Guid.Empty, ct);
    }

    private static Task<Meeting?> LoadMeetingAsync(ConveneDb db, Guid id, CancellationToken ct) =>
        db.Meetings.Include(m => m.Participants).SingleOrDefaultAsync(m => m.Id == id, ct);

    private static Task<Bridge?> LoadBridgeAsync(ConveneDb db, Guid id, CancellationToken ct) =>
        db.Bridges.AsNoTracking().Include(b => b.Nodes).SingleOrDefaultAsync(b => b.Id == id, ct);

    private static Task<Placeholders.Placeholder?> LoadPlaceholderAsync(ConveneDb db, Guid id, CancellationToken ct) =>
        db.Placeholders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Lists the meetings in a state, for reconciliation and the sync.</summary>
    internal async Task<List<Guid>> MeetingsInAsync(MeetingState[] states, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        return await db.Meetings.Where(m => states.Contains(m.State)).Select(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Booked meetings whose open time has come (their trigger may have been lost).</summary>
    internal async Task<List<Guid>> DueBookedAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var booked = await db.Meetings.Where(m => m.State == MeetingState.Booked && m.StartUtc <= now.AddDays(1))
            .Select(m => new { m.Id, m.StartUtc, m.EarlyJoinMinutes, m.CancelRequested }).ToListAsync(ct);
        return booked.Where(m => m.CancelRequested || m.StartUtc.AddMinutes(-Math.Max(0, m.EarlyJoinMinutes)) <= now).Select(m => m.Id).ToList();
    }

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
