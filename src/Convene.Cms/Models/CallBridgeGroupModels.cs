using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A Call Bridge Group (<c>/callBridgeGroups</c>, 2.1 and later): call bridges that share load. A
/// list entry carries the name; the detail carries the load-balancing flags. Its members are the call
/// bridges whose <see cref="CmsCallBridge.CallBridgeGroup"/> is this group (API reference, "Call Bridge
/// Group methods"; see <see cref="CmsClient.ListCallBridgeGroupMembersAsync"/>).</summary>
/// <param name="Id">The group's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="LoadBalancingEnabled">Incoming calls are balanced within the group (default false).</param>
/// <param name="LoadBalanceLyncCalls">Incoming Lync calls are balanced (default false).</param>
/// <param name="LoadBalanceOutgoingCalls">API dial-outs through participants are balanced (2.2, default false).</param>
/// <param name="LoadBalanceUserCalls">Meeting App calls are balanced (2.3, default true).</param>
/// <param name="LoadBalanceIndirectCalls">Incoming calls with Record-Route headers are balanced (2.4, default false).</param>
public sealed record CmsCallBridgeGroup(string Id, string? Name, bool? LoadBalancingEnabled, bool? LoadBalanceLyncCalls,
    bool? LoadBalanceOutgoingCalls, bool? LoadBalanceUserCalls, bool? LoadBalanceIndirectCalls)
{
    internal static CmsCallBridgeGroup Parse(XElement e) => new(e.Id(), e.Text("name"), e.Bool("loadBalancingEnabled"),
        e.Bool("loadBalanceLyncCalls"), e.Bool("loadBalanceOutgoingCalls"), e.Bool("loadBalanceUserCalls"), e.Bool("loadBalanceIndirectCalls"));
}

/// <summary>Values for creating or changing a Call Bridge Group; only what is set is sent. Membership is
/// set on each call bridge (<see cref="CallBridgeChanges.CallBridgeGroup"/>).</summary>
public sealed record CallBridgeGroupChanges
{
    /// <summary>The group's name.</summary>
    public CmsParam<string> Name { get; init; }

    /// <summary>Incoming calls are balanced within the group.</summary>
    public CmsParam<bool> LoadBalancingEnabled { get; init; }

    /// <summary>Incoming Lync calls are balanced.</summary>
    public CmsParam<bool> LoadBalanceLyncCalls { get; init; }

    /// <summary>API dial-outs through participants are balanced (2.2).</summary>
    public CmsParam<bool> LoadBalanceOutgoingCalls { get; init; }

    /// <summary>Meeting App calls are balanced (2.3).</summary>
    public CmsParam<bool> LoadBalanceUserCalls { get; init; }

    /// <summary>Incoming calls with Record-Route headers are balanced (2.4).</summary>
    public CmsParam<bool> LoadBalanceIndirectCalls { get; init; }

    internal FormBody ToForm() => new FormBody().Add("name", Name).Add("loadBalancingEnabled", LoadBalancingEnabled)
        .Add("loadBalanceLyncCalls", LoadBalanceLyncCalls).Add("loadBalanceOutgoingCalls", LoadBalanceOutgoingCalls)
        .Add("loadBalanceUserCalls", LoadBalanceUserCalls).Add("loadBalanceIndirectCalls", LoadBalanceIndirectCalls);
}
