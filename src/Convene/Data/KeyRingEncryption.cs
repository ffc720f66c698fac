using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Convene.Data;

/// <summary>Encrypts a Data Protection key for storage with the <see cref="KeyRing"/> certificate (XML
/// Encryption, W3C xmlenc-core: an AES-256 content key wrapped with the certificate's RSA key), the way
/// ASP.NET's <see cref="CertificateXmlEncryptor"/> does, but records <see cref="KeyRingDecryptor"/> as the
/// decryptor, which finds the certificate through Convene rather than the machine's certificate store.</summary>
internal sealed class KeyRingEncryptor(KeyRing ring, ILoggerFactory loggers) : IXmlEncryptor
{
    // The certificate is loaded (or the key file made) at the first key, after the database is migrated.
    private readonly Lazy<CertificateXmlEncryptor> _inner = new(() => new CertificateXmlEncryptor(
        ring.Certificate ?? throw new CryptographicException("No key ring certificate."), loggers));

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_inner.Value.Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingDecryptor));
}

/// <summary>Decrypts what <see cref="KeyRingEncryptor"/> encrypted, with the <see cref="KeyRing"/>
/// certificate's private key; fails (CryptographicException) without the right key file.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc/>
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyRing>().Certificate
            ?? throw new CryptographicException("The key ring is encrypted, but Convene:DataProtection:Unencrypted is set: no key file to decrypt it with.");
        var document = new XmlDocument();
        using (var reader = encryptedElement.CreateReader())
        {
            document.Load(reader);
        }
        new CertificateEncryptedXml(document, certificate).DecryptDocument();
        return XElement.Load(new XmlNodeReader(document));
    }

    private sealed class CertificateEncryptedXml(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            using var rsa = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("The key ring certificate has no RSA private key.");
            return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
