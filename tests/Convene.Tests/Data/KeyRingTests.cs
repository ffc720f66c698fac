using System.Security.Cryptography;
using System.Xml.Linq;
using Convene.Bridges;
using Convene.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Convene.Tests.Data;

/// <summary>A copy of the database alone reveals nothing: the key ring in it is encrypted with a key file
/// kept outside it, which Convene makes on first start.</summary>
public abstract class KeyRingTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>These tests are about the key file Convene makes.</summary>
    protected override bool PremadeKeyFile => false;

    [Fact(Timeout = 60_000)]
    public async Task CmsPassword_WithTheDatabaseAlone_CannotBeDecrypted()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var bridge = await AddBridgeAsync(convene.Client(), cluster);
        var stored = await convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == bridge.Id && n.IsSeed).Select(n => n.ProtectedPassword!).SingleAsync(Ct));
        var keys = await convene.DbAsync(db => db.ProtectionKeys.Select(k => k.Xml).ToListAsync(Ct));

        Assert.All(keys, k => Assert.Contains("EncryptedData", k, StringComparison.Ordinal));
        Assert.ThrowsAny<CryptographicException>(() => Unprotect(keys, stored, keyFile: null));
        Assert.Equal(cluster.Nodes[0].Password, Unprotect(keys, stored, convene.Database.KeyFile));
    }

    [Fact(Timeout = 60_000)]
    public async Task KeyFile_IsMadeOnFirstStartReadableByItsOwnerOnly()
    {
        var convene = await StartConveneAsync();

        convene.Services.GetRequiredService<BridgeSecrets>().Protect("anything");

        Assert.True(File.Exists(convene.Database.KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(convene.Database.KeyFile));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Keys_ExplicitlyUnencrypted_AreWarnedAboutAtStart()
    {
        var convene = await StartConveneAsync(s => s["Convene:DataProtection:Unencrypted"] = "true");

        convene.Services.GetRequiredService<BridgeSecrets>().Protect("anything");

        Assert.Contains(convene.Log.Entries, e => e.EventId == 1005 && e.Level == LogLevel.Warning);
        Assert.DoesNotContain("EncryptedData", Assert.Single(await convene.DbAsync(db => db.ProtectionKeys.Select(k => k.Xml).ToListAsync(Ct))), StringComparison.Ordinal);
        Assert.False(File.Exists(convene.Database.KeyFile));
    }

    /// <summary>Data Protection set up as Convene sets it up, on the keys read from the database, with or without the key file.</summary>
    private static string Unprotect(List<string> keys, string protectedText, string? keyFile)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("Convene");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new Keys(keys));
        if (keyFile is not null)
        {
            services.AddSingleton(Options.Create(new KeyRingOptions { KeyPath = keyFile }));
            services.AddSingleton<IHostEnvironment>(new Environment());
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<KeyRing>();
        }
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Convene.Bridges.CmsPassword.v1").Unprotect(protectedText);
    }

    private sealed class Keys(List<string> xml) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => xml.Select(x => XElement.Parse(x)).ToList();

        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("Only reading here.");
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Convene";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}

public sealed class KeyRingTests_Sqlite() : KeyRingTests(DatabaseKind.Sqlite, null)
{
    [Fact(Timeout = 60_000)]
    public async Task CopyOfTheDatabase_ReadsTheCmsPasswordsOnlyWithTheKeyFile()
    {
        var cluster = await StartClusterAsync(1);
        var original = await StartConveneAsync();
        var bridge = await AddBridgeAsync(original.Client(), cluster);
        var copy = await NewDatabaseAsync();
        // The whole database: the file and its write-ahead log, which holds commits not yet checkpointed into the file.
        File.Copy(SqliteFile(original.Database), SqliteFile(copy));
        if (File.Exists(SqliteFile(original.Database) + "-wal"))
        {
            File.Copy(SqliteFile(original.Database) + "-wal", SqliteFile(copy) + "-wal");
        }

        var refused = Assert.ThrowsAny<Exception>(() => StartConvene(copy));
        var withKeyFile = StartConvene(copy, s => s["Convene:DataProtection:KeyPath"] = original.Database.KeyFile);

        Assert.Contains("Convene:DataProtection:KeyPath", refused.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(copy.KeyFile));
        var stored = await withKeyFile.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == bridge.Id && n.IsSeed).Select(n => n.ProtectedPassword!).SingleAsync(Ct));
        Assert.Equal(cluster.Nodes[0].Password, withKeyFile.Services.GetRequiredService<BridgeSecrets>().Unprotect(stored));
    }

    private static string SqliteFile(TestDatabase database) => database.ConnectionString["Data Source=".Length..].Split(';')[0];
}

public sealed class KeyRingTests_Postgres(PostgresServer postgres) : KeyRingTests(DatabaseKind.Postgres, postgres);
