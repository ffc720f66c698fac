using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>How calls through an outbound dial plan rule are made (<c>trunkType</c>).</summary>
public enum TrunkType
{
    /// <summary>Standard SIP.</summary>
    Sip,

    /// <summary>Lync / Skype for Business.</summary>
    Lync,

    /// <summary>Avaya PBX.</summary>
    Avaya,
}

/// <summary>Whether a failed call tries the next rule (<c>failureAction</c>).</summary>
public enum DialPlanFailureAction
{
    /// <summary>No further rule is tried.</summary>
    Stop,

    /// <summary>The next lower-priority rule is tried.</summary>
    Continue,
}

/// <summary>Encryption of SIP control traffic (<c>sipControlEncryption</c>).</summary>
public enum SipControlEncryption
{
    /// <summary>Encrypted first, unencrypted when that fails.</summary>
    Auto,

    /// <summary>TLS only.</summary>
    Encrypted,

    /// <summary>TCP or UDP only.</summary>
    Unencrypted,
}

/// <summary>Which call bridges may use a rule (<c>scope</c>).</summary>
public enum DialPlanScope
{
    /// <summary>Every call bridge (the default).</summary>
    Global,

    /// <summary>Only the rule's <c>callBridge</c>.</summary>
    CallBridge,

    /// <summary>Only the members of the rule's <c>callBridgeGroup</c> (2.2).</summary>
    CallBridgeGroup,
}

/// <summary>Media routing of calls through a rule (<c>callRouting</c>, a beta feature).</summary>
public enum DialPlanCallRouting
{
    /// <summary>Direct media.</summary>
    Default,

    /// <summary>Media through a TURN server.</summary>
    Traversal,
}

/// <summary>An outbound dial plan rule (<c>/outboundDialPlanRules</c>): how calls to a domain leave the bridge.
/// The rule with the highest priority whose domain matches is used. A list entry carries domain, priority
/// and tenant; the detail carries every value, unset ones as empty elements (null here). The API reference
/// has no prefix strip/add fields on these rules (CMS rewrites numbers with <c>dialTransforms</c>).</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Domain">The domain it matches, such as <c>example.com</c> or <c>*.com</c>.</param>
/// <param name="Priority">Higher is tried first.</param>
/// <param name="LocalContactDomain">The contact domain of calls through it (blank: from the local IP address).</param>
/// <param name="LocalFromDomain">The domain of the calling party.</param>
/// <param name="SipProxy">The proxy calls go through; null: direct.</param>
/// <param name="TrunkType">How calls are made.</param>
/// <param name="FailureAction">Whether a failed call tries the next rule.</param>
/// <param name="SipControlEncryption">Encryption of SIP control traffic.</param>
/// <param name="Scope">Which call bridges may use it.</param>
/// <param name="CallBridge">With <see cref="DialPlanScope.CallBridge"/>: that bridge's id.</param>
/// <param name="CallBridgeGroup">With <see cref="DialPlanScope.CallBridgeGroup"/>: that group's id.</param>
/// <param name="Tenant">Only calls of this tenant use it.</param>
/// <param name="CallRouting">Media routing.</param>
public sealed record CmsOutboundDialPlanRule(string Id, string? Domain, int? Priority, string? LocalContactDomain, string? LocalFromDomain,
    string? SipProxy, TrunkType? TrunkType, DialPlanFailureAction? FailureAction, SipControlEncryption? SipControlEncryption,
    DialPlanScope? Scope, string? CallBridge, string? CallBridgeGroup, string? Tenant, DialPlanCallRouting? CallRouting)
{
    internal static CmsOutboundDialPlanRule Parse(XElement e) => new(e.Id(), e.Text("domain"), e.Int("priority"),
        e.Text("localContactDomain"), e.Text("localFromDomain"), e.Text("sipProxy"), e.Enum<TrunkType>("trunkType"),
        e.Enum<DialPlanFailureAction>("failureAction"), e.Enum<SipControlEncryption>("sipControlEncryption"), e.Enum<DialPlanScope>("scope"),
        e.Text("callBridge"), e.Text("callBridgeGroup"), e.Text("tenant"), e.Enum<DialPlanCallRouting>("callRouting"));
}

/// <summary>Values for creating or changing an outbound dial plan rule; only what is set is sent.
/// <see cref="Domain"/> is required on create.</summary>
public sealed record OutboundDialPlanRuleChanges
{
    /// <summary>The domain it matches (required on create).</summary>
    public CmsParam<string> Domain { get; init; }

    /// <summary>Higher is tried first.</summary>
    public CmsParam<int> Priority { get; init; }

    /// <summary>The contact domain of calls through it.</summary>
    public CmsParam<string> LocalContactDomain { get; init; }

    /// <summary>The domain of the calling party.</summary>
    public CmsParam<string> LocalFromDomain { get; init; }

    /// <summary>The proxy calls go through.</summary>
    public CmsParam<string> SipProxy { get; init; }

    /// <summary>How calls are made.</summary>
    public CmsParam<TrunkType> TrunkType { get; init; }

    /// <summary>Whether a failed call tries the next rule.</summary>
    public CmsParam<DialPlanFailureAction> FailureAction { get; init; }

    /// <summary>Encryption of SIP control traffic.</summary>
    public CmsParam<SipControlEncryption> SipControlEncryption { get; init; }

    /// <summary>Which call bridges may use it.</summary>
    public CmsParam<DialPlanScope> Scope { get; init; }

    /// <summary>With <see cref="DialPlanScope.CallBridge"/>: that bridge's id.</summary>
    public CmsParam<string> CallBridge { get; init; }

    /// <summary>With <see cref="DialPlanScope.CallBridgeGroup"/>: that group's id.</summary>
    public CmsParam<string> CallBridgeGroup { get; init; }

    /// <summary>Only calls of this tenant use it.</summary>
    public CmsParam<string> Tenant { get; init; }

    /// <summary>Media routing.</summary>
    public CmsParam<DialPlanCallRouting> CallRouting { get; init; }

    internal FormBody ToForm() => new FormBody().Add("domain", Domain).Add("priority", Priority)
        .Add("localContactDomain", LocalContactDomain).Add("localFromDomain", LocalFromDomain).Add("sipProxy", SipProxy)
        .Add("trunkType", TrunkType).Add("failureAction", FailureAction).Add("sipControlEncryption", SipControlEncryption)
        .Add("scope", Scope).Add("callBridge", IdParam(CallBridge, nameof(CallBridge)))
        .Add("callBridgeGroup", IdParam(CallBridgeGroup, nameof(CallBridgeGroup))).Add("tenant", IdParam(Tenant, nameof(Tenant)))
        .Add("callRouting", CallRouting);

    private static CmsParam<string> IdParam(CmsParam<string> id, string name) => id.IsSet ? CmsIds.Check(id.Value!, name) : id;
}

/// <summary>Narrows <see cref="CmsClient.ListOutboundDialPlanRulesAsync"/>.</summary>
/// <param name="Text">Rules whose domain contains it (<c>filter</c>).</param>
/// <param name="Tenant">Only this tenant's rules (<c>tenantFilter</c>).</param>
public sealed record OutboundDialPlanRuleFilter(string? Text = null, string? Tenant = null)
{
    internal Query ToQuery() => new Query().Add("filter", Text).Add("tenantFilter", Tenant is null ? null : CmsIds.Check(Tenant, nameof(Tenant)));
}
