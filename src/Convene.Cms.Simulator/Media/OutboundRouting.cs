using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

/// <summary>Where a dial-out goes: the address after dial transforms, the outbound dial plan rule that
/// carries it, or why it cannot be routed (<c>unknownDestination</c>).</summary>
internal sealed record OutboundRoute(string Address, CmsObject? Rule, string? FailedBecause);

/// <summary>
/// The outbound dial plan (API reference, "Outgoing Dial Plan API Methods"): rules apply in order of
/// <c>priority</c>, highest first (creation order among equals); a rule matches when its <c>domain</c>
/// equals the address's domain, or, written <c>*.com</c>, when the domain ends with the part after
/// the <c>*</c>; a rule applies only on the Call Bridges of its <c>scope</c> (<c>global</c> by default,
/// <c>callBridge</c> or <c>callBridgeGroup</c>) and only to calls of its <c>tenant</c> when it has one.
/// </summary>
internal static class OutboundRouting
{
    public static OutboundRoute Route(SimCluster cluster, SimCall call, string dialled)
    {
        var db = cluster.Database;
        var address = DialTransforms.Apply(db.DialTransforms.Values, dialled);
        if (address is null)
        {
            return new OutboundRoute(dialled, null, "unknownDestination");
        }
        if (db.OutboundDialPlanRules.Count == 0 && !cluster.Options.RequireOutboundDialPlan)
        {
            return new OutboundRoute(address, null, null);
        }
        var domain = Domain(address);
        var tenant = call.SpaceId is { } spaceId ? db.FindSpace(spaceId)?["tenant"] : null;
        var group = db.CallBridges.TryGetValue(call.Node.CallBridgeId, out var bridge) ? bridge["callBridgeGroup"] : null;
        var rule = db.OutboundDialPlanRules.Values
            .OrderByDescending(r => long.TryParse(r["priority"], out var p) ? p : 0)
            .FirstOrDefault(r => Matches(r["domain"], domain)
                && (r["tenant"] is null || r["tenant"] == tenant)
                && (r["scope"] ?? "global") switch
                {
                    "callBridge" => r["callBridge"] == call.Node.CallBridgeId,
                    "callBridgeGroup" => group is not null && r["callBridgeGroup"] == group,
                    _ => true,
                });
        return rule is null ? new OutboundRoute(address, null, "unknownDestination") : new OutboundRoute(address, rule, null);
    }

    /// <summary>The domain of a SIP address (<c>sip:alice@example.com;transport=tls</c> gives
    /// <c>example.com</c>); empty when it has none.</summary>
    public static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0)
        {
            return "";
        }
        var domain = address[(at + 1)..];
        var end = domain.IndexOfAny([';', '>', ':', '?']);
        return end < 0 ? domain : domain[..end];
    }

    public static bool Matches(string? pattern, string domain)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }
        return pattern.StartsWith('*')
            ? domain.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, domain, StringComparison.OrdinalIgnoreCase);
    }
}
