using System.Globalization;
using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Convene.Meetings;

/// <summary>
/// Serialises the transactions that take or move placeholder holds (booking, a change of a meeting, the series
/// window), so that each reads the holds the one before it wrote: within this process by a lock, and on PostgreSQL
/// across every Convene process of the database by a transaction-level advisory lock (<c>pg_advisory_xact_lock</c>,
/// PostgreSQL manual 9.27.10), released by the commit or the rollback. Without it, bookings for the same minute all
/// chose the same lowest free placeholder and all but one lost, on the exclusion constraint (23P01, after waiting
/// for the winner's commit) or in a deadlock between two inserts (40P01, found only after <c>deadlock_timeout</c>),
/// and read again: 200 bookings through two processes took minutes, some past a client's timeout.
/// Waits are bounded: the whole of <see cref="BeginAsync"/> by the wait it is given, and on PostgreSQL every later
/// lock wait of the transaction (a hold being written by a writer outside the gate, such as the lifecycle engine) by
/// what is left of it (<c>lock_timeout</c>); a wait that runs out is a 409 (<see cref="Busy"/>), never a hang.
/// </summary>
internal sealed class BookingGate(TimeProvider time) : IDisposable
{
    /// <summary>The advisory lock's key: one lock per database for all of booking ("ConveneB" in ASCII).</summary>
    public const long LockKey = 0x436F_6E76_656E_6542;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Enters the gate, begins a transaction and, on PostgreSQL, takes the advisory lock in it, waiting at most
    /// <paramref name="wait"/> for both. Throws the 409 of <see cref="Busy"/> when the wait runs out.</summary>
    public async Task<BookingTransaction> BeginAsync(ConveneDb db, TimeSpan wait, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        if (wait <= TimeSpan.Zero || !await _gate.WaitAsync(wait, ct))
        {
            throw Busy(wait);
        }
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                var left = (long)(wait - time.GetElapsedTime(started)).TotalMilliseconds;
                if (left < 1)
                {
                    throw Busy(wait);
                }
                // set_config(…, true) is SET LOCAL: the bound ends with the transaction.
                await db.Database.ExecuteSqlRawAsync("SELECT set_config('lock_timeout', {0}, true); SELECT pg_advisory_xact_lock({1})",
                    [left.ToString(CultureInfo.InvariantCulture), LockKey], ct);
            }
            return new BookingTransaction(transaction, _gate);
        }
        catch (Exception e)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
            _gate.Release();
            if (HoldConflicts.IsLockTimeout(e))
            {
                throw Busy(wait);
            }
            throw;
        }
    }

    /// <summary>The 409 of a booking, change or extension that waited up to <paramref name="wait"/> for the others in vain
    /// (or lost to a writer outside the gate on every attempt).</summary>
    public static ProblemException Busy(TimeSpan wait) => new(409, "Other bookings of the same placeholders were being saved.",
        $"This one waited for them for up to {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (Convene:Meetings:BookingWait); try again in a moment.",
        "booking-busy");

    public void Dispose() => _gate.Dispose();
}

/// <summary>A transaction begun by <see cref="BookingGate.BeginAsync"/>: disposing it ends the transaction (a rollback
/// unless committed, which also releases the advisory lock) and then leaves the gate, once.</summary>
internal sealed class BookingTransaction(IDbContextTransaction transaction, SemaphoreSlim gate) : IAsyncDisposable
{
    private int _done;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
