using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>When calls record or stream.</summary>
public enum CallActivityMode
{
    /// <summary>Never.</summary>
    Disabled,

    /// <summary>When someone starts it.</summary>
    Manual,

    /// <summary>From the start of the call.</summary>
    Automatic,
}

/// <summary>How a call profile treats a blank passcode when blank and set passcodes share a URI or call ID
/// (<c>passcodeMode</c>, API reference "callProfile").</summary>
public enum PasscodeMode
{
    /// <summary>A blank passcode must be entered explicitly (with #).</summary>
    Required,

    /// <summary>No entry within <c>passcodeTimeout</c> counts as a blank passcode.</summary>
    Timeout,
}

/// <summary>A call profile: per-call limits and behaviour. Only values set on the bridge are non-null;
/// an empty element is unset.</summary>
/// <param name="Id">The profile's id.</param>
/// <param name="ParticipantLimit">Most participants in a call using it.</param>
/// <param name="MessageBoardEnabled">Chat board (removed in CMS 3.0).</param>
/// <param name="Locked">Calls start locked.</param>
/// <param name="RecordingMode">When calls record.</param>
/// <param name="StreamingMode">When calls stream.</param>
/// <param name="LockMode"><c>all</c> or <c>needsActivation</c> (2.9).</param>
/// <param name="ChatAllowed">In-meeting chat (3.2).</param>
/// <param name="Name">The profile's name (3.x).</param>
/// <param name="PasscodeMode">Blank-passcode behaviour.</param>
/// <param name="PasscodeTimeout">With <see cref="Cms.PasscodeMode.Timeout"/>: the wait before a blank passcode is assumed.</param>
/// <param name="SipRecorderUri">The SIP recorder to dial (2.9).</param>
/// <param name="SipStreamerUri">The SIP streamer to dial (3.0).</param>
/// <param name="GatewayAudioCallOptimization">Gateway legs stay audio-only when the caller is (2.3).</param>
/// <param name="LyncConferenceMode"><c>dualHomeCluster</c>, <c>dualHomeCallBridge</c> or <c>gateway</c> (2.3).</param>
public sealed record CmsCallProfile(string Id, int? ParticipantLimit, bool? MessageBoardEnabled, bool? Locked,
    CallActivityMode? RecordingMode, CallActivityMode? StreamingMode, string? LockMode, bool? ChatAllowed,
    string? Name = null, PasscodeMode? PasscodeMode = null, TimeSpan? PasscodeTimeout = null, string? SipRecorderUri = null,
    string? SipStreamerUri = null, bool? GatewayAudioCallOptimization = null, string? LyncConferenceMode = null)
{
    internal static CmsCallProfile Parse(XElement e) => new(e.Id(), e.Int("participantLimit"), e.Bool("messageBoardEnabled"),
        e.Bool("locked"), e.Enum<CallActivityMode>("recordingMode"), e.Enum<CallActivityMode>("streamingMode"), e.Text("lockMode"), e.Bool("chatAllowed"),
        e.Text("name"), e.Enum<PasscodeMode>("passcodeMode"), e.Seconds("passcodeTimeout"), e.Text("sipRecorderUri"), e.Text("sipStreamerUri"),
        e.Bool("gatewayAudioCallOptimization"), e.Text("lyncConferenceMode"));
}

/// <summary>Values for creating or changing a call profile; only what is set is sent.</summary>
public sealed record CallProfileChanges
{
    /// <summary>Most participants in a call.</summary>
    public CmsParam<int> ParticipantLimit { get; init; }

    /// <summary>Chat board; refused or ignored by CMS 3.0 and later, so leave it unset there.</summary>
    public CmsParam<bool> MessageBoardEnabled { get; init; }

    /// <summary>Calls start locked.</summary>
    public CmsParam<bool> Locked { get; init; }

    /// <summary>When calls record.</summary>
    public CmsParam<CallActivityMode> RecordingMode { get; init; }

    /// <summary>When calls stream.</summary>
    public CmsParam<CallActivityMode> StreamingMode { get; init; }

    /// <summary><c>all</c> or <c>needsActivation</c>.</summary>
    public CmsParam<string> LockMode { get; init; }

    /// <summary>In-meeting chat (3.2).</summary>
    public CmsParam<bool> ChatAllowed { get; init; }

    /// <summary>The profile's name (3.x).</summary>
    public CmsParam<string> Name { get; init; }

    /// <summary>Blank-passcode behaviour.</summary>
    public CmsParam<PasscodeMode> PasscodeMode { get; init; }

    /// <summary>With <see cref="Cms.PasscodeMode.Timeout"/>: whole seconds before a blank passcode is assumed.</summary>
    public CmsParam<int> PasscodeTimeoutSeconds { get; init; }

    /// <summary>The SIP recorder to dial (2.9).</summary>
    public CmsParam<string> SipRecorderUri { get; init; }

    /// <summary>The SIP streamer to dial (3.0).</summary>
    public CmsParam<string> SipStreamerUri { get; init; }

    /// <summary>Gateway legs stay audio-only when the caller is (2.3).</summary>
    public CmsParam<bool> GatewayAudioCallOptimization { get; init; }

    /// <summary><c>dualHomeCluster</c>, <c>dualHomeCallBridge</c> or <c>gateway</c> (2.3).</summary>
    public CmsParam<string> LyncConferenceMode { get; init; }

    internal FormBody ToForm() => new FormBody().Add("participantLimit", ParticipantLimit).Add("messageBoardEnabled", MessageBoardEnabled)
        .Add("locked", Locked).Add("recordingMode", RecordingMode).Add("streamingMode", StreamingMode).Add("lockMode", LockMode)
        .Add("chatAllowed", ChatAllowed).Add("name", Name).Add("passcodeMode", PasscodeMode).Add("passcodeTimeout", PasscodeTimeoutSeconds)
        .Add("sipRecorderUri", SipRecorderUri).Add("sipStreamerUri", SipStreamerUri)
        .Add("gatewayAudioCallOptimization", GatewayAudioCallOptimization).Add("lyncConferenceMode", LyncConferenceMode);
}

/// <summary>Narrows a profile list by use.</summary>
public enum ProfileUsage
{
    /// <summary>Every profile.</summary>
    Any,

    /// <summary>Profiles something refers to.</summary>
    Referenced,

    /// <summary>Profiles nothing refers to.</summary>
    Unreferenced,
}
