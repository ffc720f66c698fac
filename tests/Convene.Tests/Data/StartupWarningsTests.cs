extern alias convene;

using convene::Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Data;

/// <summary>Start-up on a fresh database logs no Entity Framework migration or query warning (a migration that cannot
/// run in one transaction, a query limiting rows without an order), and such a query fails outright outside production.</summary>
public abstract class StartupWarningsTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Start_FreshDatabase_LogsNoMigrationOrQueryWarning()
    {
        var convene = await StartConveneAsync();
        using var client = convene.Client();

        var response = await client.GetAsync("/api/meetings?page=2&pageSize=5", Ct);

        response.EnsureSuccessStatusCode();
        // Migrations and queries; on PostgreSQL, EF's check whether the database exists yet logs a connection error by itself.
        var warnings = convene.Log.Entries.Where(e => e.Category is "Microsoft.EntityFrameworkCore.Migrations" or "Microsoft.EntityFrameworkCore.Query"
            && e.Level >= LogLevel.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings.Select(w => $"{w.Category}[{w.EventId}]: {w.Message} {w.Exception?.GetType().Name} {w.Exception?.Message}")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Query_RowLimitWithoutOrder_FailsOutsideProduction()
    {
        var convene = await StartConveneAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => convene.DbAsync(db => db.Meetings.Skip(1).Take(5).ToListAsync(Ct)));

        Assert.Contains("OrderBy", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await convene.DbAsync(db => db.Meetings.OrderBy(m => m.Id).Skip(1).Take(5).ToListAsync(Ct)));
    }
}

public sealed class StartupWarningsTests_Sqlite() : StartupWarningsTests(DatabaseKind.Sqlite, null);

public sealed class StartupWarningsTests_Postgres(PostgresServer postgres) : StartupWarningsTests(DatabaseKind.Postgres, postgres);
