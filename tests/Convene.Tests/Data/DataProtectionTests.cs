using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Data;

/// <summary>CMS passwords are encrypted with Data Protection keys kept in the database; a certificate,
/// when configured, encrypts those keys too.</summary>
public abstract class DataProtectionTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Keys_WithACertificate_AreStoredEncrypted()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"convene-keys-{Guid.NewGuid():N}.pfx");
        try
        {
            using (var key = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=Convene keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(55), DateTimeOffset.UnixEpoch.AddYears(80));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"), Ct);
            }
            var cluster = await StartClusterAsync(1);
            var convene = await StartConveneAsync(s =>
            {
                s["Convene:DataProtection:CertificatePath"] = pfx;
                s["Convene:DataProtection:CertificatePassword"] = "pfx-password";
            });

            await AddBridgeAsync(convene.Client(), cluster);

            var keys = await convene.DbAsync(db => db.ProtectionKeys.Select(k => k.Xml).ToListAsync(Ct));
            var stored = Assert.Single(keys);
            Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", stored, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Keys_WithoutACertificate_ProtectThePasswordsStoredInTheDatabase()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();

        var bridge = await AddBridgeAsync(convene.Client(), cluster);

        var stored = await convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == bridge.Id && n.IsSeed).Select(n => n.ProtectedPassword).SingleAsync(Ct));
        Assert.NotNull(stored);
        Assert.DoesNotContain(cluster.Nodes[0].Password, stored, StringComparison.Ordinal);
        Assert.Single(await convene.DbAsync(db => db.ProtectionKeys.ToListAsync(Ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_WithAMissingCertificateFile_FailsWithAMessageThatNamesIt()
    {
        var database = await NewDatabaseAsync();

        var error = Assert.ThrowsAny<Exception>(() => StartConvene(database, s => s["Convene:DataProtection:CertificatePath"] = "/nonexistent/keys.pfx"));

        Assert.Contains("/nonexistent/keys.pfx", error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class DataProtectionTests_Sqlite() : DataProtectionTests(DatabaseKind.Sqlite, null);

public sealed class DataProtectionTests_Postgres(PostgresServer postgres) : DataProtectionTests(DatabaseKind.Postgres, postgres);
