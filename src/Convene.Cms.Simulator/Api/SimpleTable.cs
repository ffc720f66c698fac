using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>GET/POST/PUT/DELETE for objects that are only their parameters (call profiles, call leg
/// profiles, call branding, IVR branding and DTMF profiles, tenants, CDR receivers). Details carry the
/// values that are set.</summary>
internal static class SimpleTable
{
    public static CmsResult Handle(CmsRequest r, OrderedDictionary<string, CmsObject> table, Schema schema,
        string singular, string missingReason, string auditName, string? parent = null, int maxCount = int.MaxValue)
    {
        var plural = singular + "s";
        // The Location is canonical whatever case the request path used: /api/v1/system/cdrReceivers/<id>.
        var collection = parent is null ? plural : $"{parent}/{plural}";
        var at = parent is null ? 0 : parent.Count(c => c == '/') + 1;
        if (r.Segments.Length == at + 1)
        {
            if (r.IsGet)
            {
                // Values match in any case like every CMS parameter; anything else is refused, not read as "unreferenced".
                bool? referenced = r.Query.GetNonEmpty("usageFilter")?.ToLowerInvariant() switch
                {
                    null => null,
                    "referenced" => true,
                    "unreferenced" => false,
                    _ => throw CmsFailure.BadParameter("usageFilter"),
                };
                var items = table.Values.Where(o => referenced is null || r.Db.IsReferenced(o.Id) == referenced).ToList();
                return Listing.Write(r, plural, singular, items, o => o.Id, (xml, o) => WriteSummary(xml, o, singular, schema));
            }
            if (r.IsPost)
            {
                var changes = r.Read(schema);
                if (table.Count >= maxCount)
                {
                    throw CmsFailure.Refused("tooManyCdrReceivers");
                }
                var created = new CmsObject(CmsObject.NewId());
                created.Apply(changes);
                table.Add(created.Id, created);
                r.Audit($"created new {auditName} {created.Id}");
                return CmsResult.Created(collection, created.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != at + 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (!table.TryGetValue(r.Id(at + 1), out var item))
        {
            throw CmsFailure.NotFound(missingReason);
        }
        switch (r.Method)
        {
            case "GET":
                var xml = new XmlOut().Open(singular, item.Id);
                item.WriteValues(xml, schema);
                return CmsResult.Xml(xml.Close(singular).ToString());
            case "PUT":
                item.Apply(r.Read(schema));
                r.Audit($"modified {auditName} {item.Id}");
                return CmsResult.Done;
            case "DELETE":
                table.Remove(item.Id);
                r.Audit($"deleted {auditName} {item.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    /// <summary>List entries: a tenant's name and a receiver's URI; a branding profile's values, as the
    /// blueprint's examples list them; nothing for the other profiles (<c>&lt;callProfile id="…"/&gt;</c>).</summary>
    private static void WriteSummary(XmlOut xml, CmsObject item, string singular, Schema schema)
    {
        if (singular is "tenant" or "cdrReceiver")
        {
            xml.Element("name", item["name"]).Element("uri", item["uri"]);
        }
        else if (singular is "callBrandingProfile" or "ivrBrandingProfile")
        {
            item.WriteValues(xml, schema);
        }
    }
}
