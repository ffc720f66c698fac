using Convene.Data;

namespace Convene.Tests;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>One test's database: a temporary SQLite file, or a uniquely named PostgreSQL database.
/// It outlives a factory, so a second factory can start on what the first left (a restart).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;

    private TestDatabase(DatabaseKind kind, string connectionString, PostgresServer? postgres)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _postgres = postgres;
    }

    public DatabaseKind Kind { get; }

    public DatabaseProvider Provider => Kind == DatabaseKind.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    /// <summary>The key file that encrypts this database's Data Protection keys (made by Convene on first
    /// start, removed with the database), so every Convene started on the database shares it.</summary>
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"convene-test-keys-{Guid.NewGuid():N}.pfx");

    private string? SqliteFile => Kind == DatabaseKind.Sqlite ? ConnectionString["Data Source=".Length..].Split(';')[0] : null;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, PostgresServer? postgres) => kind switch
    {
        DatabaseKind.Postgres => new TestDatabase(kind, await (postgres ?? throw new ArgumentNullException(nameof(postgres))).NewDatabaseAsync(), postgres),
        _ => new TestDatabase(kind, $"Data Source={Path.Combine(Path.GetTempPath(), $"convene-test-{Guid.NewGuid():N}.db")};Pooling=false", null),
    };

    public async ValueTask DisposeAsync()
    {
        File.Delete(KeyFile);
        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(ConnectionString);
        }
        else if (SqliteFile is { } file)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            {
                File.Delete(path);
            }
        }
    }
}
