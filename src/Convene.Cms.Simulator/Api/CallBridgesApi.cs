using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>The cluster's callBridges table, in the shared database: every node answers the same list,
/// which is how TMS discovers the peers (seed: GET callBridges, then GET callBridges/{id}).</summary>
internal static class CallBridgesApi
{
    public static CmsResult Handle(CmsRequest r)
    {
        var table = r.Db.CallBridges;
        if (r.Segments.Length == 1)
        {
            if (r.IsGet)
            {
                return Listing.Write(r, "callBridges", "callBridge", table.Values.ToList(), b => b.Id,
                    (xml, b) => xml.Element("name", b["name"]));
            }
            if (r.IsPost)
            {
                var changes = r.Read(Schemas.CallBridge);
                EnsureUniqueName(r, changes, null);
                var bridge = new CmsObject(CmsObject.NewId());
                bridge.Apply(changes);
                table.Add(bridge.Id, bridge);
                r.Audit($"created new call bridge {bridge.Id}");
                return CmsResult.Created("callBridges", bridge.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (!table.TryGetValue(r.Id(1), out var item))
        {
            throw CmsFailure.NotFound("callBridgeDoesNotExist");
        }
        switch (r.Method)
        {
            case "GET":
                return CmsResult.Xml(new XmlOut().Open("callBridge", item.Id)
                    .Element("name", item["name"] ?? "")
                    .Element("address", item["address"] ?? "")
                    .Element("sipDomain", item["sipDomain"] ?? "")
                    .Element("callBridgeGroup", item["callBridgeGroup"])
                    .Close("callBridge").ToString());
            case "PUT":
                var changes = r.Read(Schemas.CallBridge);
                EnsureUniqueName(r, changes, item.Id);
                item.Apply(changes);
                r.Audit($"modified call bridge {item.Id}");
                return CmsResult.Done;
            case "DELETE":
                table.Remove(item.Id);
                r.Audit($"deleted call bridge {item.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    private static void EnsureUniqueName(CmsRequest r, Dictionary<string, string?> changes, string? self)
    {
        if (changes.GetValueOrDefault("name") is { } name
            && r.Db.CallBridges.Values.Any(b => b.Id != self && string.Equals(b["name"], name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CmsFailure.Refused("duplicateCallBridgeName");
        }
    }
}
