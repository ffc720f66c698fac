using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>An entry of the cluster's <c>callBridges</c> table, which every node answers alike.</summary>
/// <param name="Id">The Call Bridge's id.</param>
/// <param name="Name">Its unique name; equals that node's cluster <c>uniqueName</c>.</param>
/// <param name="Address">Its Web Admin/API address, such as <c>https://14.80.82.30</c> (detail only).</param>
/// <param name="SipDomain">The SIP domain of peer links (often empty).</param>
/// <param name="CallBridgeGroup">Its Call Bridge Group, when set.</param>
public sealed record CmsCallBridge(string Id, string? Name, string? Address, string? SipDomain, string? CallBridgeGroup)
{
    internal static CmsCallBridge Parse(XElement e) =>
        new(e.Id(), e.Text("name"), e.Text("address")?.Trim(), e.Text("sipDomain")?.Trim(), e.Text("callBridgeGroup")?.Trim());
}

/// <summary>Values for creating or changing a <c>callBridges</c> entry.</summary>
public sealed record CallBridgeChanges
{
    /// <summary>The unique peer name.</summary>
    public CmsParam<string> Name { get; init; }

    /// <summary>The peer's Web Admin address.</summary>
    public CmsParam<string> Address { get; init; }

    /// <summary>The SIP domain of peer links.</summary>
    public CmsParam<string> SipDomain { get; init; }

    /// <summary>The Call Bridge Group id: makes the bridge a member of that group (cleared: of none).</summary>
    public CmsParam<string> CallBridgeGroup { get; init; }

    internal FormBody ToForm() => new FormBody().Add("name", Name).Add("address", Address).Add("sipDomain", SipDomain)
        .Add("callBridgeGroup", CallBridgeGroup.IsSet ? CmsIds.Check(CallBridgeGroup.Value!, nameof(CallBridgeGroup)) : CallBridgeGroup);
}
