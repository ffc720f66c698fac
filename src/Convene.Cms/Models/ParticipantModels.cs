using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A participant in <c>GET /participants</c> or <c>GET /calls/{id}/participants</c>. Every node of
/// a distributed meeting lists all its participants; those hosted elsewhere carry <see cref="CallBridge"/>.</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Call">The call, as this node knows it.</param>
/// <param name="Tenant">The tenant's id.</param>
/// <param name="CallBridge">The hosting node's call bridge id, when that is another node; null when local.</param>
public sealed record CmsParticipantSummary(string Id, string? Name, string? Call, string? Tenant, string? CallBridge)
{
    /// <summary>True when another node hosts the participant: ask that node for its legs.</summary>
    public bool IsRemote => CallBridge is not null;

    internal static CmsParticipantSummary Parse(XElement e) => new(e.Id(), e.Text("name"), e.Text("call"), e.Text("tenant"),
        e.Text("callBridge"));
}

/// <summary><c>GET /participants/{id}</c>: a logical attendee, which may own several call legs.</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Call">The call, as this node knows it.</param>
/// <param name="Tenant">The tenant's id.</param>
/// <param name="CallBridge">The hosting node's call bridge id, when that is another node; null when local.</param>
/// <param name="Uri">The participant's address.</param>
/// <param name="OriginalUri">The address first dialled (2.3).</param>
/// <param name="NumCallLegs">Its legs on this node.</param>
/// <param name="UserJid">The user's JID, for a signed-in user.</param>
/// <param name="IsActivator">The participant activates the call (others wait in the lobby until one joins).</param>
/// <param name="CanMove">It may be moved to another call.</param>
/// <param name="State">Where its connection is.</param>
/// <param name="Importance">Pane placement importance (<c>configuration/importance</c>).</param>
/// <param name="NameLabelOverride">The name shown on its pane.</param>
/// <param name="DefaultLayout">Its default layout.</param>
public sealed record CmsParticipant(string Id, string? Name, string? Call, string? Tenant, string? CallBridge, string? Uri,
    string? OriginalUri, int? NumCallLegs, string? UserJid, bool? IsActivator, bool? CanMove, CallLegState? State,
    int? Importance, string? NameLabelOverride, Layout? DefaultLayout)
{
    /// <summary>True when another node hosts the participant.</summary>
    public bool IsRemote => CallBridge is not null;

    internal static CmsParticipant Parse(XElement e)
    {
        var configuration = e.Element("configuration");
        return new(e.Id(), e.Text("name"), e.Text("call"), e.Text("tenant"), e.Text("callBridge"),
            e.Text("uri"), e.Text("originalUri"), e.Int("numCallLegs"), e.Text("userJid"), e.Bool("isActivator"), e.Bool("canMove"),
            e.Element("status")?.Enum<CallLegState>("state"), configuration?.Int("importance"),
            configuration?.Text("nameLabelOverride"), configuration?.Enum<Layout>("defaultLayout"));
    }
}

/// <summary>A participant to add to a call (<c>POST /calls/{id}/participants</c>): a dial-out that may be
/// placed on another node of the cluster.</summary>
/// <param name="RemoteParty">Whom to call: a SIP URI, a number, or a user's JID.</param>
public sealed record AddParticipant(string RemoteParty)
{
    /// <summary>The node to place the call on (its call bridge id); the meeting gets an instance there.</summary>
    public string? CallBridge { get; init; }

    /// <summary>The call bridge group to place the call in (2.2; needs <c>loadBalanceOutgoingCalls</c>).</summary>
    public string? CallBridgeGroup { get; init; }

    /// <summary>Pane placement importance (2.2).</summary>
    public int? Importance { get; init; }

    /// <summary>False puts the participant straight into the call, bypassing the lobby (2.9).</summary>
    public bool? Deactivated { get; init; }

    /// <summary>True makes the participant a guest who waits in the lobby (deactivated, not an activator)
    /// until an activator joins; false makes it an activator. Null: from the call leg profile.</summary>
    public bool? NeedsActivation { get; init; }

    /// <summary>What happens to it, if it needs activation, when the last activator leaves.</summary>
    public DeactivationMode? DeactivationMode { get; init; }

    /// <summary>Whole seconds after the last activator leaves before <see cref="DeactivationMode"/> applies.</summary>
    public int? DeactivationModeTimeSeconds { get; init; }

    /// <summary>The name shown on its pane.</summary>
    public string? NameLabelOverride { get; init; }

    /// <summary>The leg's bandwidth, bit/s.</summary>
    public int? Bandwidth { get; init; }

    /// <summary>Force (true) or skip (false) the "press a key to join" prompt.</summary>
    public bool? Confirmation { get; init; }

    /// <summary>A tag of the caller's choice, echoed in the leg's configuration.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The layout.</summary>
    public Layout? ChosenLayout { get; init; }

    /// <summary>The call leg profile's id.</summary>
    public string? CallLegProfile { get; init; }

    internal FormBody ToForm()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(RemoteParty, nameof(RemoteParty));
        if (Bandwidth is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Bandwidth), Bandwidth, "The bandwidth is in bit/s and must be positive.");
        }
        if (Importance is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Importance), Importance, "Importance may not be negative.");
        }
        if (DeactivationModeTimeSeconds is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeactivationModeTimeSeconds), DeactivationModeTimeSeconds, "The deactivation time is in seconds and may not be negative.");
        }
        return new FormBody()
            .Add("remoteParty", RemoteParty.Trim())
            .Add("callBridge", CallBridge is null ? null : CmsIds.Check(CallBridge, nameof(CallBridge)))
            .Add("callBridgeGroup", CallBridgeGroup is null ? null : CmsIds.Check(CallBridgeGroup, nameof(CallBridgeGroup)))
            .Add("importance", Importance)
            .Add("deactivated", Deactivated)
            .Add("needsActivation", NeedsActivation)
            .Add("deactivationMode", DeactivationMode is { } mode ? CmsEnum.ToWire(mode) : null)
            .Add("deactivationModeTime", DeactivationModeTimeSeconds)
            .Add("nameLabelOverride", NameLabelOverride)
            .Add("bandwidth", Bandwidth)
            .Add("confirmation", Confirmation)
            .Add("ownerId", OwnerId)
            .Add("chosenLayout", ChosenLayout is { } layout ? CmsEnum.ToWire(layout) : null)
            .Add("callLegProfile", CallLegProfile is null ? null : CmsIds.Check(CallLegProfile, nameof(CallLegProfile)));
    }
}

/// <summary>Changes to a participant (<c>PUT /participants/{id}</c>); left out unless set.</summary>
public sealed record ParticipantChanges
{
    /// <summary>Pane placement importance; cleared = none.</summary>
    public CmsParam<int> Importance { get; init; }

    /// <summary>True moves the participant to the lobby; false admits it.</summary>
    public CmsParam<bool> Deactivated { get; init; }

    /// <summary>The name shown on its pane.</summary>
    public CmsParam<string> NameLabelOverride { get; init; }

    internal FormBody AddTo(FormBody form) => form
        .Add("importance", Importance)
        .Add("deactivated", Deactivated)
        .Add("nameLabelOverride", NameLabelOverride);
}

/// <summary>Changes for many participants of a call at once (<c>PUT /calls/{id}/participants/*</c>).</summary>
public sealed record AllParticipantsChanges
{
    /// <summary>Mutes what they say.</summary>
    public bool? RxAudioMute { get; init; }

    /// <summary>Mutes what they hear.</summary>
    public bool? TxAudioMute { get; init; }

    /// <summary>Stops the video they send.</summary>
    public bool? RxVideoMute { get; init; }

    /// <summary>Stops the video they receive.</summary>
    public bool? TxVideoMute { get; init; }

    /// <summary>Their layout.</summary>
    public Layout? Layout { get; init; }

    /// <summary>Their pane placement importance.</summary>
    public int? Importance { get; init; }

    internal FormBody AddTo(FormBody form) => form
        .Add("rxAudioMute", RxAudioMute)
        .Add("txAudioMute", TxAudioMute)
        .Add("rxVideoMute", RxVideoMute)
        .Add("txVideoMute", TxVideoMute)
        .Add("layout", Layout is { } layout ? CmsEnum.ToWire(layout) : null)
        .Add("importance", Importance);
}

/// <summary>How <c>filterIds</c> picks participants of a change to all.</summary>
public enum ParticipantSelection
{
    /// <summary>Everyone except the listed participants (CMS's default).</summary>
    Exclude,

    /// <summary>Only the listed participants.</summary>
    Selected,
}

/// <summary>Filters for listing participants; null leaves a filter out.</summary>
public sealed record ParticipantFilter
{
    /// <summary>Participants whose name or address contains this text (<c>filter</c>).</summary>
    public string? Text { get; init; }

    /// <summary>Participants hosted on this node, by call bridge id (<c>callBridgeFilter</c>).</summary>
    public string? CallBridge { get; init; }

    /// <summary>Participants of this tenant (<c>tenantFilter</c>).</summary>
    public string? Tenant { get; init; }

    internal Query ToQuery() => new Query()
        .Add("filter", Text)
        .Add("callBridgeFilter", CallBridge is null ? null : CmsIds.Check(CallBridge, nameof(CallBridge)))
        .Add("tenantFilter", Tenant is null ? null : CmsIds.Check(Tenant, nameof(Tenant)));
}
