using Microsoft.AspNetCore.DataProtection;

namespace Convene.Bridges;

/// <summary>CMS passwords are kept encrypted (ASP.NET Data Protection, keys in the database) and
/// decrypted only to build a client.</summary>
public sealed class BridgeSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Convene.Bridges.CmsPassword.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
