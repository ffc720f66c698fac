using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
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
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<ConveneDb, PostgresConveneDb>(db => db.UseNpgsql(options.ConnectionString));
        }
        else
        {
            var connection = string.IsNullOrWhiteSpace(options.ConnectionString) ? "Data Source=convene.db" : options.ConnectionString;
            builder.Services.AddDbContext<ConveneDb, SqliteConveneDb>(db => db.UseSqlite(connection));
        }
        // First of the hosted services: the schema must exist before Data Protection reads its keys.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<DbKeyRepository>();
        var keys = builder.Services.AddDataProtection().SetApplicationName("Convene");
        // The keys live in the database with the data they protect; a certificate, when given, encrypts
        // them there, so a copy of the database alone does not reveal the CMS passwords.
        var certificate = builder.Configuration["Convene:DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            if (!File.Exists(certificate))
            {
                throw new OptionsValidationException("Convene:DataProtection", typeof(DatabaseOptions),
                    [$"Convene:DataProtection:CertificatePath '{certificate}' does not exist: give a PKCS#12 (.pfx) file with a private key."]);
            }
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration["Convene:DataProtection:CertificatePassword"]));
        }
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DbKeyRepository>((keys, repository) => keys.XmlRepository = repository);
        return builder;
    }
}

/// <summary>Brings the database schema up to date before anything else starts.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            Log.Migrating(logger, pending.Count, db.Database.ProviderName);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
