using System.Globalization;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>callLegs[/id]</c> and <c>calls/{id}/callLegs</c>: the node's media connections, and
/// dial-out (a POST under a call, answered with <c>Location: /api/v1/callLegs/{id}</c>).</summary>
internal static class CallLegsApi
{
    private static readonly HashSet<string> CreateParameters = ["remoteParty", "bandwidth", "confirmation"];

    public static CmsResult HandleUnderCall(CmsRequest r, SimCall call)
    {
        if (r.IsGet)
        {
            return List(r, call.Legs);
        }
        if (!r.IsPost)
        {
            throw CmsFailure.InvalidOperation();
        }
        var leg = DialOut(r, call, r.Read(Schemas.CallLeg));
        r.Audit($"created new call leg {leg.Id}, call {call.Id}");
        return CmsResult.Created("callLegs", leg.Id);
    }

    /// <summary>Checks the request and the meeting's and tenant's participant limits across the cluster, then dials.</summary>
    public static SimLeg DialOut(CmsRequest r, SimCall call, Dictionary<string, string?> values)
    {
        var remoteParty = values.GetValueOrDefault("remoteParty") ?? throw CmsFailure.BadParameter("remoteParty");
        var bandwidth = values.GetValueOrDefault("bandwidth") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : (int?)null;
        var space = call.SpaceId is { } spaceId ? r.Db.FindSpace(spaceId) : null;
        if (r.Cluster.Media.LimitReached(space, call.Correlator) is { } reason)
        {
            throw CmsFailure.Refused(reason);
        }
        foreach (var name in CreateParameters)
        {
            values.Remove(name);
        }
        return r.Cluster.Media.DialOut(call, remoteParty, WithLegacyLayout(values), bandwidth);
    }

    /// <summary>A leg's <c>layout</c> is the pre-1.2 name of <c>defaultLayout</c>, which wins when both are
    /// sent (CMS API reference, callLeg parameters); the leg keeps it as its <c>defaultLayout</c>.</summary>
    public static Dictionary<string, string?> WithLegacyLayout(Dictionary<string, string?> values)
    {
        if (values.Remove("layout", out var layout) && !values.ContainsKey("defaultLayout"))
        {
            values["defaultLayout"] = layout;
        }
        return values;
    }

    public static CmsResult Handle(CmsRequest r)
    {
        var node = r.Node;
        if (r.Segments.Length == 1)
        {
            return r.IsGet ? List(r, node.Legs.Values) : throw CmsFailure.InvalidOperation();
        }
        if (!node.Legs.TryGetValue(r.Id(1), out var leg))
        {
            throw CmsFailure.NotFound("callLegDoesNotExist");
        }
        if (r.Segments.Length != 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        switch (r.Method)
        {
            case "GET":
                return CmsResult.Xml(LegXml.Detail(r, leg));
            case "PUT":
                var changes = WithLegacyLayout(r.Read(Schemas.CallLeg));
                var deactivated = changes.Remove("deactivated", out var value) ? value : null;
                leg.Apply(changes);
                r.Cluster.Media.Reevaluate(leg);
                if (deactivated is not null)
                {
                    r.Cluster.Media.SetDeactivated(leg, deactivated == "true");
                }
                r.Audit($"modified call leg {leg.Id}");
                return CmsResult.Done;
            case "DELETE":
                r.Cluster.Media.EndLeg(leg, "localTeardown", remoteTeardown: false);
                r.Audit($"deleted call leg {leg.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    private static CmsResult List(CmsRequest r, IEnumerable<SimLeg> legs)
    {
        var filter = r.Query.GetNonEmpty("filter");
        var participant = r.Query.GetNonEmpty("participantFilter")?.ToLowerInvariant();
        var ownerIdSet = r.Query.GetBool("ownerIdSet");
        var tenant = r.Query.GetNonEmpty("tenantFilter")?.ToLowerInvariant();
        var layout = r.Query.GetNonEmpty("activeLayoutFilter");
        var items = legs.Where(l => Listing.Matches(filter, l.RemoteParty, LegXml.Name(l))
                && (participant is null || l.Participant.Id == participant)
                && (ownerIdSet is null || (l["ownerId"] is not null) == ownerIdSet)
                && (tenant is null || CallsApi.Tenant(r, l.Call) == tenant)
                && (layout is null || string.Equals(LegXml.Layout(r, l), layout, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return Listing.Write(r, "callLegs", "callLeg", items, l => l.Id, (xml, l) => LegXml.Summary(r, xml, l));
    }
}
