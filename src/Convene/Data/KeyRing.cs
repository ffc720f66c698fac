using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Data;

/// <summary>How the Data Protection key ring (the keys that encrypt stored CMS passwords) is itself
/// protected in the database.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Convene:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with a private key that encrypts the key ring; when given it is used
    /// instead of <see cref="KeyPath"/>, and must exist.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Where Convene keeps the key file it makes on first start (a self-signed certificate, 0600),
    /// relative to the content root. Back it up apart from the database: without it the stored CMS
    /// passwords cannot be read.</summary>
    public string KeyPath { get; set; } = "convene-keys.pfx";

    /// <summary>Keep the key ring unencrypted in the database (not recommended: a copy of the database
    /// then reveals every CMS password). Convene warns at every start.</summary>
    public bool Unencrypted { get; set; }
}

/// <summary>The certificate that encrypts the key ring: the configured one, or Convene's own key file,
/// made on first start (RSA 3072, self-signed, no password, readable by the owner only).</summary>
internal sealed class KeyRing(IOptions<KeyRingOptions> options, IHostEnvironment environment, TimeProvider time, IServiceScopeFactory scopes)
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() => Load(options.Value, environment, time, scopes));

    /// <summary>The certificate, or null when the key ring is kept unencrypted.</summary>
    public X509Certificate2? Certificate => _certificate.Value;

    /// <summary>Whether the key ring is encrypted (known from the options, without loading anything).</summary>
    public bool Encrypted => !options.Value.Unencrypted || !string.IsNullOrWhiteSpace(options.Value.CertificatePath);

    public string KeyPath => Path.GetFullPath(options.Value.KeyPath, environment.ContentRootPath);

    private static X509Certificate2? Load(KeyRingOptions o, IHostEnvironment environment, TimeProvider time, IServiceScopeFactory scopes)
    {
        if (!string.IsNullOrWhiteSpace(o.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(o.CertificatePath, o.CertificatePassword);
        }
        if (o.Unencrypted)
        {
            return null;
        }
        var path = Path.GetFullPath(o.KeyPath, environment.ContentRootPath);
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, null);
        }
        using (var scope = scopes.CreateScope())
        {
            // A new key file cannot read the keys an earlier one encrypted: every stored CMS password would be lost.
            if (scope.ServiceProvider.GetRequiredService<ConveneDb>().ProtectionKeys.Any(k => k.Xml.Contains("encryptedSecret")))
            {
                throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                    [$"{KeyRingOptions.Section}:KeyPath: the key file {path} is missing, and the keys in the database were encrypted with it: restore it from your backup."]);
            }
        }
        return X509CertificateLoader.LoadPkcs12(MakeKeyFile(path, time), null);
    }

    /// <summary>Makes a key file at <paramref name="path"/> (readable by its owner only): a self-signed certificate with a
    /// new RSA 3072-bit key, valid from a day before now for 100 years, as PKCS#12 without a password. Returns the file's
    /// bytes.</summary>
    internal static byte[] MakeKeyFile(string path, TimeProvider time)
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Convene key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var pfx = certificate.Export(X509ContentType.Pfx);
        using (var file = OwnerOnlyFiles.Create(path))
        {
            file.Write(pfx);
        }
        return pfx;
    }
}

/// <summary>Checks the key ring options: a configured certificate must exist.</summary>
internal sealed class KeyRingOptionsValidation : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        !string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath)
            ? ValidateOptionsResult.Fail($"{KeyRingOptions.Section}:CertificatePath: '{options.CertificatePath}' does not exist: give a PKCS#12 (.pfx) file with a private key.")
            : string.IsNullOrWhiteSpace(options.KeyPath)
                ? ValidateOptionsResult.Fail($"{KeyRingOptions.Section}:KeyPath: give the path of the key file.")
                : ValidateOptionsResult.Success;
}
