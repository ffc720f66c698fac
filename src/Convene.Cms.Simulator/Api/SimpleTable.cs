using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>GET/POST/PUT/DELETE for objects that are only their parameters (call profiles, call leg
/// profiles, call branding, IVR branding and DTMF profiles, tenants, call bridge groups, dial plan rules, dial
/// transforms, CDR receivers). Lists carry summary elements, details the values that are set.</summary>
internal static class SimpleTable
{
    public static CmsResult Handle(CmsRequest r, OrderedDictionary<string, CmsObject> table, Schema schema,
        string singular, string missingReason, string auditName, string? parent = null, TableRules? rules = null)
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
                var items = table.Values.Where(o => (referenced is null || r.Db.IsReferenced(o.Id) == referenced)
                    && (rules?.ListFilter is null || rules.ListFilter(r, o))).ToList();
                return Listing.Write(r, plural, singular, items, o => o.Id, (xml, o) => WriteSummary(xml, o, singular, schema));
            }
            if (r.IsPost)
            {
                var changes = r.Read(schema);
                var created = new CmsObject(CmsObject.NewId());
                rules?.Check?.Invoke(r, changes, null);
                foreach (var (name, value) in rules?.Defaults ?? new Dictionary<string, string>())
                {
                    changes.TryAdd(name, value);
                }
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
                var update = r.Read(schema);
                rules?.Check?.Invoke(r, update, item);
                item.Apply(update);
                r.Audit($"modified {auditName} {item.Id}");
                return CmsResult.Done;
            case "DELETE":
                table.Remove(item.Id);
                rules?.Deleted?.Invoke(r, item);
                r.Audit($"deleted {auditName} {item.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    /// <summary>List entries: a tenant's or group's name, a rule's domain and priority, a transform's type, a
    /// branding profile's values, as the blueprint's examples list them; nothing for the other profiles
    /// (<c>&lt;callProfile id="…"/&gt;</c>).</summary>
    private static void WriteSummary(XmlOut xml, CmsObject item, string singular, Schema schema)
    {
        switch (singular)
        {
            case "tenant" or "callBridgeGroup":
                xml.Element("name", item["name"]);
                break;
            case "outboundDialPlanRule":
                xml.Element("domain", item["domain"]).Element("priority", item["priority"]);
                break;
            case "dialTransform":
                xml.Element("type", item["type"]);
                break;
            case "callBrandingProfile" or "ivrBrandingProfile":
                item.WriteValues(xml, schema);
                break;
        }
    }
}

/// <summary>What a table adds to plain storage: values set on create when not given, a check of a
/// create (<c>existing</c> null) or modify before anything changes, a list filter, and what a delete
/// leaves to tidy.</summary>
internal sealed record TableRules
{
    public IReadOnlyDictionary<string, string>? Defaults { get; init; }

    public Action<CmsRequest, Dictionary<string, string?>, CmsObject?>? Check { get; init; }

    public Func<CmsRequest, CmsObject, bool>? ListFilter { get; init; }

    public Action<CmsRequest, CmsObject>? Deleted { get; init; }
}
