using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Convene.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, zero setup) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a connection string or nothing (a <c>convene.db</c> file in the working
    /// directory); for PostgreSQL, an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For SQLite, how commits reach the disk (<see cref="Data.SqliteSynchronous"/>): <c>Normal</c> (default) or <c>Full</c>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataExtensions
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                ["Database:Provider is Postgres but Database:ConnectionString is empty: give an Npgsql connection string such as Host=127.0.0.1;Database=convene;Username=convene;Password=…"]);
        }
        // Outside production (the tests, the demo) a query that limits rows without an order fails at once: its page or
        // first row would differ from one run to the next.
        var strict = !builder.Environment.IsProduction();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<ConveneDb, PostgresConveneDb>(db => Warnings(db.UseNpgsql(options.ConnectionString), strict));
        }
        else
        {
            var connection = string.IsNullOrWhiteSpace(options.ConnectionString) ? "Data Source=convene.db" : options.ConnectionString;
            var pragmas = new SqliteSynchronousInterceptor(options.SqliteSynchronous);
            var gate = SqliteWriteGate.For(connection);
            builder.Services.AddDbContext<ConveneDb, SqliteConveneDb>(db => Warnings(db.UseSqlite(connection).AddInterceptors(pragmas, gate), strict));
        }
        // First of the hosted services: the schema must exist before Data Protection reads its keys.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<DbKeyRepository>();
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidation>();
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddDataProtection().SetApplicationName("Convene");
        // The keys live in the database with the data they protect, encrypted with a certificate kept
        // outside it (KeyRing), so a copy of the database alone reveals no CMS password.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DbKeyRepository, KeyRing, ILoggerFactory>((keys, repository, ring, loggers) =>
            {
                keys.XmlRepository = repository;
                if (ring.Encrypted)
                {
                    keys.XmlEncryptor = new KeyRingEncryptor(ring, loggers);
                }
            });
        return builder;
    }

    private static void Warnings(DbContextOptionsBuilder db, bool strict)
    {
        if (strict)
        {
            db.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning));
        }
    }
}

/// <summary>Brings the database schema up to date before anything else starts: makes a new SQLite file
/// readable by its owner only first (its -wal and -shm files take the same mode), and loads or makes the
/// key file that encrypts the key ring.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, KeyRing keyRing, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        if (db.Database.IsSqlite())
        {
            PrepareSqliteFile(db.Database.GetConnectionString());
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            Log.Migrating(logger, pending.Count, db.Database.ProviderName);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (keyRing.Certificate is null)
        {
            Log.KeysUnencrypted(logger);
        }
        var plain = await db.ProtectionKeys.CountAsync(k => !k.Xml.Contains("encryptedSecret"), cancellationToken);
        if (plain > 0 && keyRing.Certificate is not null)
        {
            Log.OldKeysUnencrypted(logger, plain);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrepareSqliteFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory || file.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        if (!File.Exists(file))
        {
            // SQLite opens an empty file as a new database, and gives its -wal and -shm the file's mode.
            // EF Core turns on write-ahead logging only for a database it creates itself, so here too.
            OwnerOnlyFiles.Create(file).Dispose();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = 'wal';";
            wal.ExecuteNonQuery();
            return;
        }
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (OwnerOnlyFiles.Restrict(path))
            {
                Log.Restricted(logger, path);
            }
        }
    }
}
