extern alias convene;

using convene::Convene.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Convene.Tests.Data;

/// <summary>Conflicts of either database are 409 ProblemDetails, made from real SQLite errors and the
/// SQLSTATEs PostgreSQL sends.</summary>
public sealed class ProblemMappingTests
{
    [Theory]
    [InlineData("INSERT INTO child (id, parent) VALUES (1, 42)")]
    [InlineData("INSERT INTO parent (id) VALUES (1); INSERT INTO parent (id) VALUES (1)")]
    [InlineData("INSERT INTO parent (id) VALUES (1); INSERT INTO child (id, parent) VALUES (1, 1); INSERT INTO child (id, parent) VALUES (2, 1)")]
    public async Task Handle_SqliteConstraintOfAConcurrentChange_Is409(string sql)
    {
        var failure = await SqliteFailureAsync(sql);

        Assert.Equal(409, await StatusOfAsync(new DbUpdateException("save failed", failure)));
    }

    [Theory]
    [InlineData("23505")]
    [InlineData("23503")]
    public async Task Handle_PostgresUniqueOrForeignKeyViolation_Is409(string sqlState)
    {
        var failure = new Npgsql.PostgresException("violation", "ERROR", "ERROR", sqlState);

        Assert.Equal(409, await StatusOfAsync(new DbUpdateException("save failed", failure)));
    }

    [Theory]
    [InlineData("40P01")]
    [InlineData("40001")]
    public async Task Handle_PostgresDeadlockOrSerializationFailure_WrappedAnyWay_Is409(string sqlState)
    {
        var failure = new Npgsql.PostgresException("deadlock", "ERROR", "ERROR", sqlState);

        Assert.Equal(409, await StatusOfAsync(new DbUpdateException("save failed", failure)));
        Assert.Equal(409, await StatusOfAsync(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", failure)));
        Assert.True(Convene.Meetings.HoldConflicts.IsRetryable(new InvalidOperationException("wrapped", failure)));
    }

    [Theory]
    [InlineData("53300")]
    [InlineData("57P03")]
    public async Task Handle_PostgresRefusingAConnection_Is503(string sqlState)
    {
        var failure = new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", sqlState);

        Assert.Equal(503, await StatusOfAsync(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", failure)));
        Assert.Equal(503, await StatusOfAsync(new Npgsql.NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 40) or 'Timeout' (currently 15 seconds)",
            new TimeoutException())));
    }

    [Fact]
    public async Task Handle_OtherDatabaseFailure_IsLeftToTheDefaultHandler()
    {
        var failure = new Npgsql.PostgresException("disk full", "ERROR", "ERROR", "53100");

        Assert.Equal(0, await StatusOfAsync(new DbUpdateException("save failed", failure)));
    }

    private static async Task<SqliteException> SqliteFailureAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; CREATE TABLE parent (id INTEGER PRIMARY KEY); " +
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent (id), UNIQUE (parent));";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        command.CommandText = sql;
        return await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The status ProblemMapping answers, or 0 when it leaves the exception to the next handler.</summary>
    private static async Task<int> StatusOfAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var mapping = new ProblemMapping(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemMapping>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return await mapping.TryHandleAsync(context, exception, TestContext.Current.CancellationToken) ? context.Response.StatusCode : 0;
    }
}
