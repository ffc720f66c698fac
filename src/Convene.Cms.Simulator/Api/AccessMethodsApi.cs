using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>coSpaces/{id}/accessMethods[/id]</c>: other URI / call ID / passcode combinations of a
/// space. A URI or call ID of another space is a duplicate; the same one in this space is allowed only
/// with another passcode.</summary>
internal static class AccessMethodsApi
{
    public static CmsResult Handle(CmsRequest r, Space space)
    {
        if (r.Segments.Length == 3)
        {
            if (r.IsGet)
            {
                var filter = r.Query.GetNonEmpty("filter");
                var items = space.AccessMethods.Where(m => Listing.Matches(filter, m["name"], m["uri"], m["callId"])).ToList();
                return Listing.Write(r, "accessMethods", "accessMethod", items, m => m.Id, (xml, m) => xml
                    .Element("uri", m["uri"]).Element("callId", m["callId"]).Element("passcode", m["passcode"])
                    .Element("name", m["name"]).Element("callLegProfile", m["callLegProfile"]));
            }
            if (r.IsPost)
            {
                var method = new CmsObject(CmsObject.NewId());
                Apply(r, space, method, r.Read(Schemas.AccessMethod), adding: true);
                r.Audit($"created new access method {method.Id} for space {space.Id}");
                return CmsResult.Created($"coSpaces/{space.Id}/accessMethods", method.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != 4)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        var existing = space.AccessMethods.Find(m => m.Id == r.Id(3)) ?? throw CmsFailure.NotFound("accessMethodDoesNotExist");
        switch (r.Method)
        {
            case "GET":
                var xml = new XmlOut().Open("accessMethod", existing.Id);
                existing.WriteValues(xml, Schemas.AccessMethod);
                return CmsResult.Xml(xml.Close("accessMethod").ToString());
            case "PUT":
                Apply(r, space, existing, r.Read(Schemas.AccessMethod), adding: false);
                r.Audit($"modified access method {existing.Id} for space {space.Id}");
                return CmsResult.Done;
            case "DELETE":
                r.Db.Update(space, () => space.AccessMethods.Remove(existing));
                r.Audit($"deleted access method {existing.Id} for space {space.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    private static void Apply(CmsRequest r, Space space, CmsObject method, Dictionary<string, string?> changes, bool adding)
    {
        var uri = changes.TryGetValue("uri", out var u) ? u : method["uri"];
        var callId = changes.TryGetValue("callId", out var c) ? c : method["callId"];
        var passcode = changes.TryGetValue("passcode", out var p) ? p : method["passcode"];
        if (uri is not null)
        {
            if (r.Db.UriTaken(uri, space.Id))
            {
                throw CmsFailure.Refused("duplicateCoSpaceUri");
            }
            if (Entries(space, method).Any(e => string.Equals(e["uri"], uri, StringComparison.OrdinalIgnoreCase) && e["passcode"] == passcode))
            {
                throw CmsFailure.Refused("duplicateCoSpaceUriPasscode");
            }
        }
        if (callId is not null)
        {
            if (r.Db.CallIdTaken(callId, space.Id))
            {
                throw CmsFailure.Refused("duplicateCoSpaceId");
            }
            if (Entries(space, method).Any(e => e["callId"] == callId && e["passcode"] == passcode))
            {
                throw CmsFailure.Refused("duplicateCoSpaceIdPasscode");
            }
        }
        var regenerate = changes.Remove("regenerateSecret", out var flag) && flag == "true";
        r.Db.Update(space, () =>
        {
            method.Apply(changes);
            if (regenerate || (method["callId"] is not null && method["secret"] is null))
            {
                method.Values["secret"] = SimCluster.NewSecret();
            }
            if (adding)
            {
                space.AccessMethods.Add(method);
            }
        });
    }

    /// <summary>The space itself and its other access methods: what a new combination must differ from.</summary>
    private static IEnumerable<CmsObject> Entries(Space space, CmsObject except) =>
        space.AccessMethods.Where(m => m != except).Prepend(space);
}
