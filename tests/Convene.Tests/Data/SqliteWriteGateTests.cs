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
        var convene = await StartConveneAsync(s => s["Database:ConnectionString"] = WithTimeoutOfOneSecond(s["Database:ConnectionString"]!));
        await using var holderScope = convene.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<ConveneDb>();
        await using var transaction = await holder.Database.BeginTransactionAsync(Ct);

        var failed = await Assert.ThrowsAsync<DbUpdateException>(() => convene.DbAsync(db =>
        {
            db.CdrRecordsSeen.Add(Seen("late", 1));
            return db.SaveChangesAsync(Ct);
        }));
        Assert.Equal(5, Assert.IsType<SqliteException>(failed.InnerException).SqliteErrorCode);
        Assert.True(ProblemMapping.IsLockConflict(failed));
        await transaction.RollbackAsync(Ct);
        Assert.False(await convene.DbAsync(db => db.CdrRecordsSeen.AnyAsync(s => s.Session == "late", Ct)));

        // The gate is free again once the transaction ended.
        Assert.Equal(1, await convene.DbAsync(db =>
        {
            db.CdrRecordsSeen.Add(Seen("after", 1));
            return db.SaveChangesAsync(Ct);
        }));
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

    private static string WithTimeoutOfOneSecond(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 1 }.ToString();

    private static CdrRecordSeen Seen(string session, long index) =>
        new() { Session = session, CorrelatorIndex = index, ReceivedUtc = DateTimeOffset.UnixEpoch };
}
