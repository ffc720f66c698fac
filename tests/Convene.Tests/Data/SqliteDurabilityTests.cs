using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Data;

/// <summary>Every SQLite connection Convene opens, EF Core's and the Quartz job store's, has the configured
/// <c>synchronous</c> setting (Normal by default, Full on request), in write-ahead-log mode, and waits in SQLite's busy
/// handler for its command timeout (30 s) when another connection writes.</summary>
public sealed class SqliteDurabilityTests() : ServiceTest(DatabaseKind.Sqlite, null)
{
    [Theory(Timeout = 60_000)]
    [InlineData(null, 1L)]
    [InlineData("Full", 2L)]
    [InlineData("Normal", 1L)]
    public async Task Connections_OfEfCoreAndOfQuartz_HaveTheConfiguredSynchronousSettingAndABusyTimeout(string? configured, long expected)
    {
        var convene = await StartConveneAsync(s =>
        {
            if (configured is not null)
            {
                s["Database:SqliteSynchronous"] = configured;
            }
        });

        var (journal, synchronous, busyTimeout) = await convene.DbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            return (await Scalar(db, "PRAGMA journal_mode;"), await Scalar(db, "PRAGMA synchronous;"), await Scalar(db, "PRAGMA busy_timeout;"));
        });
        Assert.Equal("wal", journal);
        Assert.Equal(expected, synchronous);
        Assert.Equal(30_000L, busyTimeout);

        var factory = new SqliteFactoryWithPragmas(configured == "Full" ? SqliteSynchronous.Full : SqliteSynchronous.Normal);
        await using var quartz = factory.CreateConnection();
        quartz.ConnectionString = convene.Database.ConnectionString;
        await quartz.OpenAsync(Ct);
        await using var command = quartz.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(expected, await command.ExecuteScalarAsync(Ct));
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(30_000L, await command.ExecuteScalarAsync(Ct));
    }

    private static async Task<object?> Scalar(ConveneDb db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
