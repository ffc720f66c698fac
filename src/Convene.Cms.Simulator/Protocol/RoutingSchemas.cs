using static Convene.Cms.Simulator.Protocol.ParamSpec;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>Parameters of the routing objects, from Cisco's API reference (blueprint sections "Call
/// Bridge Group Methods", "Outgoing Dial Plan API Methods" and "Dial Transforms").</summary>
internal static class RoutingSchemas
{
    /// <summary>A group's flags with the defaults its detail shows when they were never set.</summary>
    public static readonly (string Name, string Default)[] GroupFlags =
    [
        ("loadBalancingEnabled", "false"), ("loadBalanceLyncCalls", "false"), ("loadBalanceOutgoingCalls", "false"),
        ("loadBalanceUserCalls", "true"), ("loadBalanceIndirectCalls", "false"),
    ];

    public static readonly Schema CallBridgeGroup = new(
        Text("name", 200), Bool("loadBalancingEnabled"), Bool("loadBalanceLyncCalls"), Bool("loadBalanceOutgoingCalls"),
        Bool("loadBalanceUserCalls"), Bool("loadBalanceIndirectCalls"));

    public static readonly Schema OutboundDialPlanRule = new(
        Text("domain", 254), Int("priority"), Text("localContactDomain", 254), Text("localFromDomain", 254),
        Text("sipProxy", 254), Choice("trunkType", "sip", "lync", "avaya"), Choice("failureAction", "stop", "continue"),
        Choice("sipControlEncryption", "auto", "encrypted", "unencrypted"), Choice("scope", "global", "callBridge", "callBridgeGroup"),
        Ref("callBridge", Tables.CallBridges, "callBridgeDoesNotExist"),
        Ref("callBridgeGroup", Tables.CallBridgeGroups, "callBridgeGroupDoesNotExist"),
        Ref("tenant", Tables.Tenants, "tenantDoesNotExist"), Choice("callRouting", "default", "traversal"));

    public static readonly Schema DialTransform = new(
        Choice("type", "raw", "strip", "phone"), Text("match", 1024), Text("transform", 1024), Int("priority"),
        Choice("action", "accept", "acceptPhone", "deny"));
}
