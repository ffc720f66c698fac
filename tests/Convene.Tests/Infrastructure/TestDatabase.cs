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

    /// <summary>One key file made per test run (an RSA 3072-bit key takes a tenth of a second to a second to make), copied
    /// for each database that starts with one; removed when the run ends.</summary>
    private static readonly Lazy<string> SharedKeyFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"convene-test-keys-shared-{Guid.NewGuid():N}.pfx");
        KeyRing.MakeKeyFile(path, TimeProvider.System);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private TestDatabase(DatabaseKind kind, string connectionString, PostgresServer? postgres, bool premadeKeyFile)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _postgres = postgres;
        if (premadeKeyFile)
        {
            File.Copy(SharedKeyFile.Value, KeyFile);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(KeyFile, OwnerOnlyFiles.FileMode);
            }
        }
    }

    public DatabaseKind Kind { get; }

    public DatabaseProvider Provider => Kind == DatabaseKind.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    /// <summary>The key file that encrypts this database's Data Protection keys (a copy of one made for the whole run, or,
    /// for a database made without it, made by Convene on first start; removed with the database), so every Convene
    /// started on the database shares it.</summary>
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"convene-test-keys-{Guid.NewGuid():N}.pfx");

    private string? SqliteFile => Kind == DatabaseKind.Sqlite ? ConnectionString["Data Source=".Length..].Split(';')[0] : null;

    /// <summary>A new database; with <paramref name="premadeKeyFile"/> its <see cref="KeyFile"/> is there before Convene
    /// first starts on it, else Convene makes it.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, PostgresServer? postgres, bool premadeKeyFile = true) => kind switch
    {
        DatabaseKind.Postgres => new TestDatabase(kind, await (postgres ?? throw new ArgumentNullException(nameof(postgres))).NewDatabaseAsync(), postgres, premadeKeyFile),
        _ => new TestDatabase(kind, $"Data Source={Path.Combine(Path.GetTempPath(), $"convene-test-{Guid.NewGuid():N}.db")};Pooling=false", null, premadeKeyFile),
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
