namespace Convene.Cms.Cdr;

/// <summary><c>callLegUpdate</c>: something the record describes changed for a call leg — it connected, it
/// joined a call or left an IVR, it waits in or left the lobby (<c>deactivated</c>), its name changed (CDR
/// guide §4.5 "callLegUpdate Record Contents"). An element that is absent did not change or is not known;
/// keep the last value seen.</summary>
public sealed record CmsCdrCallLegUpdate : CmsCdrRecord
{
    internal CmsCdrCallLegUpdate(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The leg's id: the <c>id</c> attribute of <c>&lt;callLeg&gt;</c>.</summary>
    public required string CallLegId { get; init; }

    /// <summary><c>state</c> as written: <c>connected</c> once the leg connects (the 2.0 guide: absent until then);
    /// <c>ringing</c> and others where a bridge writes them.</summary>
    public string? StateText { get; init; }

    /// <summary><see cref="StateText"/> as a <see cref="CallLegState"/>; null when absent or not one of its values.</summary>
    public CallLegState? State { get; init; }

    /// <summary><c>call</c>: the call the leg is in now.</summary>
    public string? Call { get; init; }

    /// <summary><c>ivr</c> present (an empty element in place of <c>call</c>): the leg is in an IVR now.</summary>
    public bool InIvr { get; init; }

    /// <summary><c>deactivated</c>: true while the participant waits in the lobby (no media until an activator
    /// joins); false once activated.</summary>
    public bool? Deactivated { get; init; }

    /// <summary><c>displayName</c>: the far end's name, when it changed (2.6).</summary>
    public string? DisplayName { get; init; }

    /// <summary><c>remoteAddress</c>: the far end's address, where the bridge writes it.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary><c>cdrTag</c>: the leg's tag.</summary>
    public string? CdrTag { get; init; }

    /// <summary><c>ownerId</c>: the id a managing system gave the leg.</summary>
    public string? OwnerId { get; init; }

    /// <summary><c>sipCallId</c>: the SIP Call-ID.</summary>
    public string? SipCallId { get; init; }

    /// <summary><c>groupId</c>: ties a participant's legs together (the 2.0 guide spells the parameter groupID;
    /// both spellings are read).</summary>
    public string? GroupId { get; init; }

    /// <summary><c>canMove</c>: the leg may be moved to another call (2.6).</summary>
    public bool? CanMove { get; init; }

    /// <summary><c>confirmationStatus</c> (3.x), as written.</summary>
    public string? ConfirmationStatus { get; init; }

    /// <summary><c>mediaEncryption</c> (3.x), as written.</summary>
    public string? MediaEncryption { get; init; }

    internal static CmsCdrCallLegUpdate Read(CdrHeader header, CdrElementReader leg)
    {
        var state = leg.Text("state");
        return new(header)
        {
            CallLegId = leg.Id(),
            StateText = state,
            State = CdrValues.State(state),
            Call = leg.Text("call"),
            InIvr = leg.Has("ivr"),
            Deactivated = leg.Bool("deactivated"),
            DisplayName = leg.Text("displayName"),
            RemoteAddress = leg.Text("remoteAddress"),
            CdrTag = leg.Text("cdrTag"),
            OwnerId = leg.Text("ownerId"),
            SipCallId = leg.Text("sipCallId"),
            GroupId = leg.Text("groupId", "groupID"),
            CanMove = leg.Bool("canMove"),
            ConfirmationStatus = leg.Text("confirmationStatus"),
            MediaEncryption = leg.Text("mediaEncryption"),
        };
    }
}
