using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Lifecycle;

/// <summary>
/// Leases on meeting rows, so that a meeting is worked on by one Convene instance at a time across processes (the
/// <see cref="MeetingLocks"/> hold within one). A transition takes the lease before it reads the meeting and touches the
/// CMS, with one conditional <c>UPDATE … WHERE lease free, expired or ours</c> whose row count says whether it got it
/// (atomic on SQLite and PostgreSQL); each save of the transition renews it in the same statement, and the save that
/// leaves the meeting settled (not Starting or Ending, no space push pending) releases it, so a transition that ends
/// with a save costs one extra UPDATE. A lease held by another instance is taken over when it has expired
/// (<see cref="LifecycleOptions.LeaseDuration"/> after its last renewal) or, clustered, at once when Quartz's check-in
/// table shows its holder failed or gone (<see cref="MeetingLeaseLiveness"/>).
/// </summary>
public sealed class MeetingLeases(IServiceScopeFactory scopes, MeetingLeaseLiveness liveness, IOptions<LifecycleOptions> options, TimeProvider time)
{
    /// <summary>The ProblemDetails type of the 409 thrown when another live instance holds a meeting.</summary>
    public const string BusyType = "meeting-busy";

    /// <summary>This process's id: the lease owner it writes, and its Quartz scheduler instance id when clustered.</summary>
    public string Owner => liveness.Owner;

    /// <summary>Takes (or renews) the lease on a meeting for this instance.</summary>
    /// <returns>The lease to release when the work is done; an inert one when the meeting does not exist.</returns>
    /// <exception cref="ProblemException">409 <see cref="BusyType"/> when another instance holds an unexpired lease and is
    /// not known dead.</exception>
    public async Task<MeetingLease> TakeAsync(Guid meetingId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var now = time.GetUtcNow();
        var until = now + options.Value.LeaseDuration;
        var me = Owner;
        var taken = await db.Meetings.Where(m => m.Id == meetingId && (m.LeaseOwner == null || m.LeaseOwner == me || m.LeaseUntilUtc == null || m.LeaseUntilUtc <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, me).SetProperty(m => m.LeaseUntilUtc, until), ct);
        if (taken == 1)
        {
            return new MeetingLease(this, meetingId);
        }
        var held = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.LeaseOwner, m.LeaseUntilUtc }).SingleOrDefaultAsync(ct);
        if (held is null)
        {
            return new MeetingLease(this, meetingId) { Released = true };
        }
        if (held.LeaseOwner is { } holder && await liveness.IsDeadAsync(holder, ct))
        {
            // Compare and swap on the dead holder: of two instances taking over, one wins.
            taken = await db.Meetings.Where(m => m.Id == meetingId && m.LeaseOwner == holder)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, me).SetProperty(m => m.LeaseUntilUtc, until), ct);
            if (taken == 1)
            {
                return new MeetingLease(this, meetingId) { TakenFrom = holder };
            }
        }
        throw new ProblemException(409, "Another Convene instance is working on this meeting.",
            $"Instance {held.LeaseOwner} holds meeting {meetingId} until {held.LeaseUntilUtc:u}; try again in a moment.", BusyType);
    }

    /// <summary>Releases a lease of this instance (one UPDATE, only when it is still ours).</summary>
    internal async Task ReleaseAsync(Guid meetingId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var me = Owner;
        await db.Meetings.Where(m => m.Id == meetingId && m.LeaseOwner == me)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>At start-up of an instance that is not clustered (SQLite, or Quartz off): it is the only instance of its
    /// database, so every lease of another owner was left by a process that is gone. Clears them so reconciliation
    /// resumes those meetings at once. A clustered instance leaves them to <see cref="MeetingLeaseLiveness"/>, and so does
    /// one with Quartz off on a database where clustered instances have checked in (a tool beside a running cluster):
    /// their leases then last until they expire.</summary>
    /// <returns>How many leases were cleared.</returns>
    public async Task<int> ClearLeftoversAsync(CancellationToken ct)
    {
        if (liveness.Clustered)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            && await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*)::int AS \"Value\" FROM {QuartzSchema.Prefix}scheduler_state").SingleAsync(ct) > 0)
        {
            return 0;
        }
        var me = Owner;
        return await db.Meetings.Where(m => m.LeaseOwner != null && m.LeaseOwner != me)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTimeOffset?)null), ct);
    }

    /// <summary>The lease's values for a save of the meeting by its transition: renewed while the meeting is in a
    /// transition or has a space push pending, released (nulls) once it is settled.</summary>
    internal (string? Owner, DateTimeOffset? Until) OnSave(Meeting meeting) =>
        meeting.State is MeetingState.Starting or MeetingState.Ending || meeting is { State: MeetingState.Running, SpacePending: true }
            ? (Owner, time.GetUtcNow() + options.Value.LeaseDuration)
            : (null, null);
}

/// <summary>A lease taken by <see cref="MeetingLeases.TakeAsync"/>: renewed and released by the saves of the transition it
/// covers (<see cref="Watch"/>), and released on dispose unless a save released it already.</summary>
public sealed class MeetingLease : IAsyncDisposable
{
    private readonly MeetingLeases _leases;
    private (string? Owner, DateTimeOffset? Until)? _saving;

    internal MeetingLease(MeetingLeases leases, Guid meetingId)
    {
        _leases = leases;
        MeetingId = meetingId;
    }

    public Guid MeetingId { get; }

    /// <summary>True once the lease is no longer held in the database (a settling save released it, or nothing was taken).</summary>
    public bool Released { get; internal set; }

    /// <summary>The dead instance whose lease was taken over, if any.</summary>
    public string? TakenFrom { get; init; }

    /// <summary>Makes every save of <paramref name="meeting"/> through <paramref name="db"/> renew or release the lease in
    /// the same UPDATE (no extra statement).</summary>
    internal void Watch(ConveneDb db, Meeting meeting)
    {
        db.SavingChanges += (_, _) =>
        {
            if (db.Entry(meeting).State != EntityState.Modified)
            {
                return;
            }
            var (owner, until) = _leases.OnSave(meeting);
            meeting.LeaseOwner = owner;
            meeting.LeaseUntilUtc = until;
            _saving = (owner, until);
        };
        db.SavedChanges += (_, _) =>
        {
            if (_saving is { } saved)
            {
                Released = saved.Owner is null;
                _saving = null;
            }
        };
        db.SaveChangesFailed += (_, _) => _saving = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Released)
        {
            Released = true;
            await _leases.ReleaseAsync(MeetingId);
        }
    }
}
