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

    /// <summary>For PostgreSQL, the most connections this instance opens at once (Npgsql's <c>Maximum Pool Size</c>) when
    /// the connection string does not say: 40. Npgsql's own default is 100, the server's default <c>max_connections</c>
    /// too, so two instances at their defaults could take more than the server allows and be refused ("too many
    /// clients"). With a bound, a burst waits in the pool instead (Npgsql's <c>Timeout</c>, 15 s by default). The sum
    /// over every instance (and any other client) must stay below the server's <c>max_connections</c>.</summary>
    public int PostgresPoolSize { get; set; } = 40;

    /// <summary>For SQLite, how commits reach the disk (<see cref="Data.SqliteSynchronous"/>): <c>Normal</c> (default) or <c>Full</c>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}

/// <summary>The connection strings Convene's data access (EF Core and Quartz's job store) uses.</summary>
public static class DatabaseConnection
{
    /// <summary>The PostgreSQL connection string of <paramref name="options"/> with <see cref="DatabaseOptions.PostgresPoolSize"/>
    /// as its <c>Maximum Pool Size</c> unless it names one itself (also as <c>MaxPoolSize</c>, any case).</summary>
    /// <exception cref="OptionsValidationException">The connection string is empty or not one Npgsql accepts (naming the
    /// keyword it refused; the string itself, with its password, is never repeated).</exception>
    public static string Postgres(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid("Database:Provider is Postgres but Database:ConnectionString is empty: give an Npgsql connection string such as Host=127.0.0.1;Database=convene;Username=convene;Password=…");
        }
        if (options.PostgresPoolSize < 1)
        {
            throw Invalid($"Database:PostgresPoolSize must be at least 1, not {options.PostgresPoolSize}.");
        }
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"Database:ConnectionString is not an Npgsql connection string: {e.Message}");
        }
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = options.PostgresPoolSize;
        }
        return builder.ConnectionString;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(DatabaseOptions.Section, typeof(DatabaseOptions), [message]);
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
        // Outside production (the tests, the demo) a query that limits rows without an order fails at once: its page or
        // first row would differ from one run to the next.
        var strict = !builder.Environment.IsProduction();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connection = DatabaseConnection.Postgres(options);
            builder.Services.AddDbContext<ConveneDb, PostgresConveneDb>(db => Warnings(db.UseNpgsql(connection), strict));
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
