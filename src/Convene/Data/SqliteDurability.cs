using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Data;

/// <summary>
/// SQLite's <c>synchronous</c> setting for every connection Convene opens (EF Core's and the Quartz job store's); the
/// database is in write-ahead-log mode. <see cref="Normal"/> (the default, and SQLite's advice for WAL): a commit is not
/// synced to disk by itself, only at checkpoints, so a committed transaction survives a crash of Convene but the last
/// ones may roll back after a power loss of the machine (reconciliation with the bridge then repairs what they had
/// recorded). <see cref="Full"/>: every commit is synced (one disk flush each, a few milliseconds: a start storm of
/// 1,000 meetings makes some 4,000 commits). Source: https://www.sqlite.org/pragma.html#pragma_synchronous and
/// https://www.sqlite.org/wal.html.
/// </summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}

/// <summary>Applies <see cref="SqliteSynchronous"/> to each EF Core connection when it opens (the setting belongs to the
/// connection, not the file).</summary>
internal sealed class SqliteSynchronousInterceptor(SqliteSynchronous mode) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SqlitePragmas.Apply(connection, mode);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqlitePragmas.Apply(connection, mode);
        return Task.CompletedTask;
    }
}

/// <summary>A Microsoft.Data.Sqlite factory whose connections apply <see cref="SqliteSynchronous"/> when they open and take
/// the database's <see cref="SqliteWriteGate"/> from each <c>BEGIN</c> until they close (Quartz opens a connection for
/// each unit of work and closes it after its commit): handed to Quartz's SQLite job store.</summary>
public sealed class SqliteFactoryWithPragmas(SqliteSynchronous mode) : DbProviderFactory
{
    public override DbConnection CreateConnection() => new Connection(mode);

    public override DbCommand CreateCommand() => SqliteFactory.Instance.CreateCommand();

    public override DbParameter CreateParameter() => SqliteFactory.Instance.CreateParameter();

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => SqliteFactory.Instance.CreateConnectionStringBuilder();

    private sealed class Connection(SqliteSynchronous mode) : SqliteConnection
    {
        private SqliteWriteGate? _gate;

        public override void Open()
        {
            base.Open();
            SqlitePragmas.Apply(this, mode);
        }

        protected override DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel)
        {
            _gate ??= SqliteWriteGate.For(ConnectionString);
            _gate.EnterFor(this);
            try
            {
                return base.BeginDbTransaction(isolationLevel);
            }
            catch
            {
                _gate.ExitFor(this);
                throw;
            }
        }

        public override void Close()
        {
            base.Close();
            _gate?.ExitFor(this);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _gate?.ExitFor(this);
        }
    }
}

/// <summary>
/// The settings of each connection: <see cref="SqliteSynchronous"/>, and SQLite's own busy handler for as long as the
/// connection's default command timeout. Without it SQLite answers <c>SQLITE_BUSY</c> at once while another connection
/// writes, and Microsoft.Data.Sqlite retries only after sleeping 150 ms on the calling thread: in a start storm every
/// writer but one slept so, most of the time. SQLite's handler instead retries within a millisecond or a few as the
/// writer commits. The busy timeout is set first: setting <c>synchronous</c> may already read the database, and on a new
/// connection opened while another writes or recovers the log it met <c>SQLITE_BUSY</c> with no handler yet (150 ms lost
/// per connection: Quartz opens one per unit of work when pooling is off). Source: https://www.sqlite.org/c3ref/busy_timeout.html,
/// https://www.sqlite.org/pragma.html#pragma_busy_timeout.
/// </summary>
internal static class SqlitePragmas
{
    public static void Apply(DbConnection connection, SqliteSynchronous mode)
    {
        var timeout = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {Math.Max(1, timeout) * 1000}; PRAGMA synchronous = {(mode == SqliteSynchronous.Full ? "FULL" : "NORMAL")};");
        command.ExecuteNonQuery();
    }
}
