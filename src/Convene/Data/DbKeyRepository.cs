using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Convene.Data;

/// <summary>Keeps Data Protection keys in Convene's database, so every instance can read secrets
/// (CMS passwords) that any instance wrote.</summary>
internal sealed class DbKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        return db.ProtectionKeys.AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        db.ProtectionKeys.Add(new ProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
