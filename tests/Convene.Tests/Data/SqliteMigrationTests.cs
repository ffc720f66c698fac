extern alias convene;

using convene::Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Convene.Tests.Data;

/// <summary>A SQLite database made before meetings were booked (the Accounts schema) with meetings in it migrates to
/// today's schema in place: its rows kept, the series foreign key in force, no table rebuilt, no warning.</summary>
public sealed class SqliteMigrationTests : IAsyncDisposable
{
    private const string BeforeMeetings = "20261129201830_Accounts";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"convene-migration-{Guid.NewGuid():N}.db");
    private readonly TestLog _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Migrate_FromAccountsSchemaWithMeetings_KeepsRowsWithoutRebuildOrWarning()
    {
        await using (var db = NewDb())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeMeetings, Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Meetings" ("Id", "BridgeId", "Title", "StartLocal", "EndLocal", "TimeZone", "StartUtc", "EndUtc", "NumericId", "State", "CancelReason")
                VALUES ('6f1c0e52-3f0a-4d8e-9a39-3f3c8c1d0001', 'b3a5d1f0-1111-4c2d-8e3f-000000000001', 'Board meeting', '2026-12-01 10:00:00', '2026-12-01 11:00:00',
                        'Europe/Oslo', 639001224000000000, 639001260000000000, 1000, 0, NULL),
                       ('6f1c0e52-3f0a-4d8e-9a39-3f3c8c1d0002', 'b3a5d1f0-1111-4c2d-8e3f-000000000001', 'Weekly sync', '2026-12-02 09:00:00', '2026-12-02 09:30:00',
                        'UTC', 639002052000000000, 639002070000000000, 1001, 5, 'Cancelled by the organiser');
                """, Ct);
        }

        await using (var db = NewDb())
        {
            await db.Database.MigrateAsync(Ct);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            var meetings = await db.Meetings.AsNoTracking().OrderBy(m => m.NumericId).ToListAsync(Ct);
            Assert.Equal(["Board meeting", "Weekly sync"], meetings.Select(m => m.Title));
            Assert.Equal("Cancelled by the organiser", meetings[1].CancelReason);
            Assert.All(meetings, m => Assert.Null(m.SeriesId));
            Assert.Empty(await Strings(db, "SELECT name AS Value FROM sqlite_master WHERE name LIKE 'ef_temp%'"));
            Assert.Empty(await Strings(db, "SELECT \"table\" AS Value FROM pragma_foreign_key_check"));
            Assert.Equal(["MeetingSeries CASCADE"], await Strings(db,
                "SELECT \"table\" || ' ' || on_delete AS Value FROM pragma_foreign_key_list('Meetings') WHERE \"from\" = 'SeriesId'"));
        }
        var warnings = _log.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings.Select(w => $"{w.Category}[{w.EventId}]: {w.Message}")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Migrate_SeriesForeignKey_DeletesOccurrencesWithTheirSeries()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync(Ct);

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "MeetingSeries" ("Id", "Recurrence", "FirstStartLocal", "FirstEndLocal", "TimeZone", "ExpandedUntilUtc", "IsOpenEnded", "Version")
            VALUES ('0d7c7a52-0000-4000-8000-000000000001', 'FREQ=DAILY', '2026-12-01 10:00:00', '2026-12-01 11:00:00', 'UTC', 0, 1, 1);
            INSERT INTO "Meetings" ("Id", "BridgeId", "Title", "StartLocal", "EndLocal", "TimeZone", "StartUtc", "EndUtc", "State", "EarlyJoinMinutes",
                "EndWarnings", "ExtendMode", "Extensions", "HoldFromUtc", "HoldUntilUtc", "IsException", "Launch", "Locked", "Version", "CancelRequested", "SeriesId")
            VALUES ('0d7c7a52-0000-4000-8000-000000000002', 'b3a5d1f0-1111-4c2d-8e3f-000000000001', 'Daily', '2026-12-01 10:00:00', '2026-12-01 11:00:00', 'UTC',
                0, 0, 0, 5, '5,1', 0, 0, 0, 0, 0, 0, 0, 1, 0, '0d7c7a52-0000-4000-8000-000000000001');
            """, Ct);
        var orphan = await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Meetings\" SET \"SeriesId\" = '0d7c7a52-0000-4000-8000-0000000000ff'", Ct));
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"MeetingSeries\"", Ct);

        Assert.Contains("FOREIGN KEY", orphan.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Meetings.CountAsync(Ct));
    }

    public ValueTask DisposeAsync()
    {
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
        {
            File.Delete(path);
        }
        return ValueTask.CompletedTask;
    }

    private SqliteConveneDb NewDb() => new(new DbContextOptionsBuilder<SqliteConveneDb>()
        .UseSqlite($"Data Source={_file};Pooling=false")
        .UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Warning)))
        .Options);

    private static Task<List<string>> Strings(ConveneDb db, string sql) => db.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct);
}
