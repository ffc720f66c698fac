using Convene.Data;
using Convene.Live;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Data;

/// <summary>Writers of one Convene on SQLite queue for the database without holding a thread (<see cref="SqliteWriteGate"/>),
/// and one that waits past the connection's timeout gets SQLite's busy error.</summary>
public sealed class SqliteWriteGateTests() : ServiceTest(DatabaseKind.Sqlite, null)
{
    [Fact(Timeout = 60_000)]
    public async Task Save_WhileAnotherTransactionWrites_WaitsWithoutBlockingItsCallerAndThenSaves()
    {
        var convene = await StartConveneAsync();
        await using var holderScope = convene.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<ConveneDb>();
        await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
        holder.CdrRecordsSeen.Add(Seen("held", 1));
        await holder.SaveChangesAsync(Ct);

        // Without the gate this call would block its thread in SQLite's busy wait until the transaction above ends,
        // which this same thread ends below: it would never return before its timeout.
        await using var waiterScope = convene.Services.CreateAsyncScope();
        var waiter = waiterScope.ServiceProvider.GetRequiredService<ConveneDb>();
        waiter.CdrRecordsSeen.Add(Seen("waiting", 2));
        var saving = waiter.SaveChangesAsync(Ct);
        var update = convene.DbAsync(db => db.CdrRecordsSeen.Where(s => s.Session == "held").ExecuteUpdateAsync(u => u.SetProperty(s => s.CorrelatorIndex, 3), Ct));
        Assert.False(saving.IsCompleted);
        Assert.False(update.IsCompleted);

        await transaction.CommitAsync(Ct);
        Assert.Equal(1, await saving);
        Assert.Equal(1, await update);
        var rows = await convene.DbAsync(db => db.CdrRecordsSeen.Where(s => s.Session == "held" || s.Session == "waiting")
            .OrderBy(s => s.Session).Select(s => s.Session + ":" + s.CorrelatorIndex).ToListAsync(Ct));
        Assert.Equal(["held:3", "waiting:2"], rows);
    }

    [Fact(Timeout = 60_000)]
    public async Task Save_WaitingPastTheConnectionsTimeout_FailsWithSqlitesBusyErrorAndSavesNothing()
    {
        // Only the waiting context has the short timeout: with it on the whole instance, Quartz's own writes at start-up
        // failed as busy on a loaded machine and the instance never became ready.
        var convene = await StartConveneAsync();
        await using var holderScope = convene.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<ConveneDb>();
        var connectionString = holder.Database.GetConnectionString()!;
        await using var transaction = await holder.Database.BeginTransactionAsync(Ct);

        await using (var waiter = WithTimeoutOfOneSecond(connectionString))
        {
            waiter.CdrRecordsSeen.Add(Seen("late", 1));
            var failed = await Assert.ThrowsAsync<DbUpdateException>(() => waiter.SaveChangesAsync(Ct));
            var busy = Assert.IsType<SqliteException>(failed.InnerException);
            Assert.Equal(5, busy.SqliteErrorCode);
            Assert.Contains("another writer of this process", busy.Message);
            Assert.True(ProblemMapping.IsLockConflict(failed));
        }
        await transaction.RollbackAsync(Ct);
        Assert.False(await convene.DbAsync(db => db.CdrRecordsSeen.AnyAsync(s => s.Session == "late", Ct)));

        // The gate is free again once the transaction ended.
        await using var after = WithTimeoutOfOneSecond(connectionString);
        after.CdrRecordsSeen.Add(Seen("after", 1));
        Assert.Equal(1, await after.SaveChangesAsync(Ct));
    }

    [Theory]
    [InlineData("INSERT INTO x VALUES (1)", true)]
    [InlineData("  update x set a = 1", true)]
    [InlineData("DELETE FROM x", true)]
    [InlineData("REPLACE INTO x VALUES (1)", true)]
    [InlineData("SELECT * FROM x", false)]
    [InlineData("PRAGMA busy_timeout;", false)]
    public void Writes_ByTheStatementsFirstWord_IsTold(string sql, bool writes)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(writes, SqliteWriteGate.Writes(command));
    }

    /// <summary>A context on the instance's database file, behind the same gate, whose connection waits at most 1 s.</summary>
    private static SqliteConveneDb WithTimeoutOfOneSecond(string connectionString)
    {
        var shortWait = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 1 }.ToString();
        return new SqliteConveneDb(new DbContextOptionsBuilder<SqliteConveneDb>()
            .UseSqlite(shortWait).AddInterceptors(SqliteWriteGate.For(shortWait)).Options);
    }

    private static CdrRecordSeen Seen(string session, long index) =>
        new() { Session = session, CorrelatorIndex = index, ReceivedUtc = DateTimeOffset.UnixEpoch };
}
