namespace Convene.Cms.Cdr;

/// <summary><c>callLegStart</c>: a call leg (one media connection: a SIP endpoint, an app or web client, a
/// recorder, a link to another node) began on this Call Bridge (CDR guide §4.3 "callLegStart Record Contents").
/// The leg may not yet be in a call nor connected: later <see cref="CmsCdrCallLegUpdate"/>s say so.</summary>
public sealed record CmsCdrCallLegStart : CmsCdrRecord
{
    internal CmsCdrCallLegStart(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The leg's id: the <c>id</c> attribute of <c>&lt;callLeg&gt;</c>, as in <c>GET /callLegs/{id}</c>.</summary>
    public required string CallLegId { get; init; }

    /// <summary><c>cdrTag</c>: the tag (up to 100 characters) the leg was given, e.g. at dial-out.</summary>
    public string? CdrTag { get; init; }

    /// <summary><c>displayName</c>: the far end's friendly name (blank, so null, when it gives none).</summary>
    public string? DisplayName { get; init; }

    /// <summary><c>guestConnection</c>: true for a guest login through the web client.</summary>
    public bool? GuestConnection { get; init; }

    /// <summary><c>localAddress</c>: for an incoming leg the address dialled, for an outgoing one the caller id used.</summary>
    public string? LocalAddress { get; init; }

    /// <summary><c>remoteAddress</c>: the far end's network address, when known.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary><c>remoteParty</c>: for an incoming leg the caller, for an outgoing one the address dialled.</summary>
    public string? RemoteParty { get; init; }

    /// <summary><c>recording</c>: true for the leg of a recorder.</summary>
    public bool? Recording { get; init; }

    /// <summary><c>streaming</c>: true for the leg of a streamer (2.1).</summary>
    public bool? Streaming { get; init; }

    /// <summary><c>type</c>: <c>sip</c> or <c>acano</c> (an app, web client or another node), as written.</summary>
    public string? LegType { get; init; }

    /// <summary><c>subType</c>: <c>lync</c>, <c>avaya</c>, <c>distributionLink</c>, …; null for a plain leg.</summary>
    public string? SubType { get; init; }

    /// <summary><c>lyncSubType</c>: <c>audioVideo</c>, <c>applicationSharing</c>, <c>instantMessaging</c> for a Lync leg.</summary>
    public string? LyncSubType { get; init; }

    /// <summary><c>direction</c>: who placed the call; null when absent or not <c>incoming</c>/<c>outgoing</c>
    /// (the text is in <see cref="CmsCdrRecord.Raw"/>).</summary>
    public CallLegDirection? Direction { get; init; }

    /// <summary><c>call</c>: the call the leg is in, when known at start; otherwise a later update gives it.</summary>
    public string? Call { get; init; }

    /// <summary><c>ivr</c> present: the leg starts in an IVR, not in a call.</summary>
    public bool InIvr { get; init; }

    /// <summary><c>ownerId</c>: the id a managing system gave the leg at dial-out (absent when none).</summary>
    public string? OwnerId { get; init; }

    /// <summary><c>sipCallId</c>: the SIP Call-ID of a SIP leg, when known at start.</summary>
    public string? SipCallId { get; init; }

    /// <summary><c>groupId</c>: ties a participant's legs together (a Lync presenter's video and presentation);
    /// the id to use with <c>participants</c> API operations.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>replacesSipCallId</c>: the Call-ID of the SIP leg this one replaces (a SIP transfer).</summary>
    public string? ReplacesSipCallId { get; init; }

    /// <summary><c>canMove</c>: the leg may be moved to another call (2.6).</summary>
    public bool? CanMove { get; init; }

    /// <summary><c>movedCallLeg</c>: the id of the leg this one replaces after a move (2.6).</summary>
    public string? MovedCallLeg { get; init; }

    /// <summary><c>movedCallLegCallBridge</c>: the Call Bridge that hosted the moved leg (2.6).</summary>
    public string? MovedCallLegCallBridge { get; init; }

    /// <summary><c>confirmationStatus</c> (3.x), as written.</summary>
    public string? ConfirmationStatus { get; init; }

    /// <summary><c>mediaEncryption</c> (3.x), as written.</summary>
    public string? MediaEncryption { get; init; }

    internal static CmsCdrCallLegStart Read(CdrHeader header, CdrElementReader leg) => new(header)
    {
        CallLegId = leg.Id(),
        CdrTag = leg.Text("cdrTag"),
        DisplayName = leg.Text("displayName"),
        GuestConnection = leg.Bool("guestConnection"),
        LocalAddress = leg.Text("localAddress"),
        RemoteAddress = leg.Text("remoteAddress"),
        RemoteParty = leg.Text("remoteParty"),
        Recording = leg.Bool("recording"),
        Streaming = leg.Bool("streaming"),
        LegType = leg.Text("type"),
        SubType = leg.Text("subType", "subtype"),
        LyncSubType = leg.Text("lyncSubType"),
        Direction = CdrValues.Direction(leg.Text("direction")),
        Call = leg.Text("call"),
        InIvr = leg.Has("ivr"),
        OwnerId = leg.Text("ownerId"),
        SipCallId = leg.Text("sipCallId"),
        GroupId = leg.Text("groupId"),
        ReplacesSipCallId = leg.Text("replacesSipCallId"),
        CanMove = leg.Bool("canMove"),
        MovedCallLeg = leg.Text("movedCallLeg"),
        MovedCallLegCallBridge = leg.Text("movedCallLegCallBridge"),
        ConfirmationStatus = leg.Text("confirmationStatus"),
        MediaEncryption = leg.Text("mediaEncryption"),
    };
}
