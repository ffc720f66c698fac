using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Data;

/// <summary>
/// Lets one EF Core connection of this process write to the SQLite database at a time, the others queued in order
/// without holding a thread. SQLite allows one writer per database (https://www.sqlite.org/lockingv3.html, and in WAL
/// mode https://www.sqlite.org/wal.html#concurrency): without the gate, writers that collide spin in SQLite's busy
/// handler on their threads, and the last ones wait longest. The gate is taken before a transaction begins
/// (<c>BEGIN IMMEDIATE</c>, Microsoft.Data.Sqlite's default) until it commits, rolls back or its connection closes,
/// and around each writing statement outside a transaction (<c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>,
/// <c>REPLACE</c>; EF Core sends a save of one statement without a transaction). Readers never wait. A flow that waits
/// longer than the connection's command timeout gets SQLite's own busy error (<c>SQLITE_BUSY</c>, 5), which the API
/// answers with 409, as it would without the gate. There is one gate per database file in a process (<see cref="For"/>):
/// the Quartz job store's connections (<see cref="SqliteFactoryWithPragmas"/>) take it from their <c>BEGIN</c> until
/// they close. Other processes are not gated: SQLite's busy handler (<see cref="SqlitePragmas"/>) covers them.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    private static readonly object Held = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _transactions = [];

    public void Dispose() => _gate.Dispose();

    /// <summary>The gate of the database file that <paramref name="connectionString"/> names (its full path); an in-memory
    /// database, private to its connection, gets a gate of its own.</summary>
    public static SqliteWriteGate For(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return new SqliteWriteGate();
        }
        return Gates.GetOrAdd(Path.GetFullPath(source), _ => new SqliteWriteGate());
    }

    /// <summary>Takes the gate for <paramref name="connection"/> (nothing if it holds it), waiting on the calling thread.</summary>
    /// <exception cref="SqliteException">SQLITE_BUSY: the gate was not free within the connection's command timeout.</exception>
    internal void EnterFor(DbConnection connection) => Enter(connection);

    /// <summary>Lets the gate go if <paramref name="connection"/> holds it.</summary>
    internal void ExitFor(DbConnection connection) => Exit(connection);

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Enter(connection);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _transactions.AddOrUpdate(result, connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        _transactions.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Exited(transaction);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Exited(transaction);

    /// <summary>A failed commit or rollback lets the gate go at once: whatever SQLite still holds is then waited for by its
    /// busy handler, never by a gate nobody will release.</summary>
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (Writes(command))
        {
            Enter(command.Connection!);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Writes(command))
        {
            await EnterAsync(command.Connection!, cancellationToken);
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (Writes(command))
        {
            Enter(command.Connection!);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Writes(command))
        {
            await EnterAsync(command.Connection!, cancellationToken);
        }
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ExitStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>A writing statement with rows to read (<c>RETURNING</c>) keeps SQLite's lock until its reader is done.</summary>
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ExitStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ExitStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ExitStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return Task.CompletedTask;
    }

    /// <summary>Whatever a connection still holds is let go when it closes or is disposed (a transaction that failed to
    /// begin, or was disposed without an end).</summary>
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return ValueTask.FromResult(result);
    }

    /// <summary>A statement outside a transaction whose first word writes.</summary>
    internal static bool Writes(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null)
        {
            return false;
        }
        var sql = command.CommandText.AsSpan().TrimStart();
        return sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private void ExitStatement(DbCommand command)
    {
        if (Writes(command))
        {
            Exit(command.Connection!);
        }
    }

    private void Enter(DbConnection connection)
    {
        if (_holders.TryGetValue(connection, out _))
        {
            return;
        }
        if (!_gate.Wait(Timeout(connection)))
        {
            throw Busy(connection);
        }
        _holders.AddOrUpdate(connection, Held);
    }

    private async Task EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_holders.TryGetValue(connection, out _))
        {
            return;
        }
        if (!await _gate.WaitAsync(Timeout(connection), cancellationToken))
        {
            throw Busy(connection);
        }
        _holders.AddOrUpdate(connection, Held);
    }

    private void Exit(DbConnection connection)
    {
        if (_holders.Remove(connection))
        {
            _gate.Release();
        }
    }

    private void Ended(DbTransaction transaction)
    {
        if (_transactions.TryGetValue(transaction, out var connection))
        {
            _transactions.Remove(transaction);
            Exit(connection);
        }
    }

    private Task Exited(DbTransaction transaction)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    private static TimeSpan Timeout(DbConnection connection) =>
        TimeSpan.FromSeconds(connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? sqlite.DefaultTimeout : 30);

    private static SqliteException Busy(DbConnection connection) =>
        new($"SQLite Error 5: 'database is locked': another writer of this process held the database for {Timeout(connection).TotalSeconds:0} s.", 5);
}
