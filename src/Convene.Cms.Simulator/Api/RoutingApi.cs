using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>callBridgeGroups[/id]</c>, <c>outboundDialPlanRules[/id]</c> and <c>dialTransforms[/id]</c>:
/// cluster-wide routing objects in the shared database.</summary>
internal static class RoutingApi
{
    private static readonly TableRules GroupRules = new()
    {
        Defaults = RoutingSchemas.GroupFlags.ToDictionary(f => f.Name, f => f.Default),
        // A deleted group's members are left ungrouped, and rules scoped to it match nowhere.
        Deleted = (r, group) =>
        {
            foreach (var bridge in r.Db.CallBridges.Values.Where(b => b["callBridgeGroup"] == group.Id))
            {
                bridge.Values.Remove("callBridgeGroup");
            }
        },
    };

    /// <summary>The defaults the blueprint's example shows for a rule created with only a domain.</summary>
    private static readonly TableRules RuleRules = new()
    {
        Defaults = new Dictionary<string, string>
        {
            ["priority"] = "0", ["trunkType"] = "sip", ["sipControlEncryption"] = "auto", ["failureAction"] = "stop",
            ["scope"] = "global", ["callRouting"] = "default",
        },
        Check = (r, changes, existing) =>
        {
            string? Value(string name) => changes.TryGetValue(name, out var v) ? v : existing?[name];
            if (Value("domain") is null)
            {
                throw CmsFailure.BadParameter("domain");
            }
            switch (Value("scope"))
            {
                case "callBridge" when Value("callBridge") is null:
                    throw CmsFailure.BadParameter("callBridge");
                case "callBridgeGroup" when Value("callBridgeGroup") is null:
                    throw CmsFailure.BadParameter("callBridgeGroup");
            }
        },
        ListFilter = (r, rule) => Listing.Matches(r.Query.GetNonEmpty("filter"), rule["domain"])
            && (r.Query.GetNonEmpty("tenantFilter")?.ToLowerInvariant() is not { } tenant || rule["tenant"] == tenant),
    };

    private static readonly TableRules TransformRules = new()
    {
        Defaults = new Dictionary<string, string> { ["type"] = "raw", ["priority"] = "0", ["action"] = "accept" },
        Check = (r, changes, existing) =>
        {
            if (changes.GetValueOrDefault("match") is { } match && !DialTransforms.IsValidMatch(match))
            {
                throw CmsFailure.BadParameter("match");
            }
            if (changes.GetValueOrDefault("transform") is { } transform && !DialTransforms.IsValidTransform(transform))
            {
                throw CmsFailure.BadParameter("transform");
            }
        },
        ListFilter = (r, transform) => Listing.Matches(r.Query.GetNonEmpty("filter"), transform["match"], transform["transform"]),
    };

    public static CmsResult CallBridgeGroups(CmsRequest r) =>
        SimpleTable.Handle(r, r.Db.CallBridgeGroups, RoutingSchemas.CallBridgeGroup, "callBridgeGroup", "callBridgeGroupDoesNotExist",
            "call bridge group", rules: GroupRules);

    public static CmsResult OutboundDialPlanRules(CmsRequest r) =>
        SimpleTable.Handle(r, r.Db.OutboundDialPlanRules, RoutingSchemas.OutboundDialPlanRule, "outboundDialPlanRule",
            "outboundDialPlanRuleDoesNotExist", "outbound dial plan rule", rules: RuleRules);

    public static CmsResult DialTransformsTable(CmsRequest r) =>
        SimpleTable.Handle(r, r.Db.DialTransforms, RoutingSchemas.DialTransform, "dialTransform", "dialTransformDoesNotExist",
            "dial transform", rules: TransformRules);

    /// <summary>The up member of <paramref name="groupId"/> that should host a new call: the least
    /// media load, then the fewest call legs, then the fewest calls, then <paramref name="preferred"/>,
    /// then cluster order. Refused when the group does not balance (<c>loadBalancingDisabled</c>) or
    /// none of its members is up (<c>callBridgeGroupUnavailable</c>).</summary>
    public static SimNode PlaceInGroup(CmsRequest r, string groupId, string flag, SimNode preferred)
    {
        var group = r.Db.CallBridgeGroups[groupId];
        if (group[flag] != "true")
        {
            throw CmsFailure.Refused("loadBalancingDisabled");
        }
        var members = r.Db.CallBridges.Values.Where(b => b["callBridgeGroup"] == groupId).Select(b => r.Cluster.NodeByBridgeId(b.Id))
            .OfType<SimNode>().Where(n => n.IsUp).ToList();
        return members
            .OrderBy(MediaEngine.Load)
            .ThenBy(n => n.Legs.Count)
            .ThenBy(n => n.Calls.Count)
            .ThenBy(n => n == preferred ? 0 : 1)
            .FirstOrDefault() ?? throw CmsFailure.Refused("callBridgeGroupUnavailable");
    }
}
