using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>What happens to legs that need activation when the last activator leaves (<c>deactivationMode</c>,
/// API reference "callLegProfile").</summary>
public enum DeactivationMode
{
    /// <summary>They go back to the lobby.</summary>
    Deactivate,

    /// <summary>They are disconnected.</summary>
    Disconnect,

    /// <summary>They stay in the call.</summary>
    RemainActivated,
}

/// <summary>A call leg profile: in-call behaviour of the legs that use it. Only set values are non-null; an
/// empty element is unset.</summary>
/// <param name="Id">The profile's id.</param>
/// <param name="Name">Its name (2.0).</param>
/// <param name="NeedsActivation">Guests wait in the lobby until an activator joins.</param>
/// <param name="DefaultLayout">The layout legs start with.</param>
/// <param name="ChangeLayoutAllowed">Participants may change their layout.</param>
/// <param name="PresentationContributionAllowed">Participants may present.</param>
/// <param name="PresentationViewingAllowed">Participants see presentations.</param>
/// <param name="MuteSelfAllowed">Participants may mute their audio.</param>
/// <param name="VideoMuteSelfAllowed">Participants may mute their video.</param>
/// <param name="MuteOthersAllowed">Participants may mute others' audio.</param>
/// <param name="EndCallAllowed">Participants may end the call.</param>
/// <param name="MaxCallDuration">Longest a leg may last.</param>
/// <param name="DeactivationMode">What happens to legs that need activation when the last activator leaves.</param>
/// <param name="DeactivationModeTime">How long after the last activator leaves that happens.</param>
/// <param name="RxAudioMute">Others do not hear these legs.</param>
/// <param name="TxAudioMute">These legs hear nothing.</param>
/// <param name="RxVideoMute">Others do not see these legs.</param>
/// <param name="TxVideoMute">These legs see nothing.</param>
/// <param name="ParticipantLabels">Names are shown on the panes.</param>
/// <param name="VideoMuteOthersAllowed">Participants may stop others' video.</param>
/// <param name="CallLockAllowed">Participants may lock the call (1.8).</param>
/// <param name="DisconnectOthersAllowed">Participants may disconnect others (2.3).</param>
/// <param name="AddParticipantAllowed">Participants may add others (2.3).</param>
public sealed record CmsCallLegProfile(string Id, string? Name, bool? NeedsActivation, Layout? DefaultLayout, bool? ChangeLayoutAllowed,
    bool? PresentationContributionAllowed, bool? PresentationViewingAllowed, bool? MuteSelfAllowed, bool? VideoMuteSelfAllowed,
    bool? MuteOthersAllowed, bool? EndCallAllowed, TimeSpan? MaxCallDuration,
    DeactivationMode? DeactivationMode = null, TimeSpan? DeactivationModeTime = null, bool? RxAudioMute = null, bool? TxAudioMute = null,
    bool? RxVideoMute = null, bool? TxVideoMute = null, bool? ParticipantLabels = null, bool? VideoMuteOthersAllowed = null,
    bool? CallLockAllowed = null, bool? DisconnectOthersAllowed = null, bool? AddParticipantAllowed = null)
{
    internal static CmsCallLegProfile Parse(XElement e) => new(e.Id(), e.Text("name"), e.Bool("needsActivation"),
        e.Enum<Layout>("defaultLayout"), e.Bool("changeLayoutAllowed"), e.Bool("presentationContributionAllowed"),
        e.Bool("presentationViewingAllowed"), e.Bool("muteSelfAllowed"), e.Bool("videoMuteSelfAllowed"), e.Bool("muteOthersAllowed"),
        e.Bool("endCallAllowed"), e.Seconds("maxCallDurationTime"),
        e.Enum<DeactivationMode>("deactivationMode"), e.Seconds("deactivationModeTime"), e.Bool("rxAudioMute"), e.Bool("txAudioMute"),
        e.Bool("rxVideoMute"), e.Bool("txVideoMute"), e.Bool("participantLabels"), e.Bool("videoMuteOthersAllowed"),
        e.Bool("callLockAllowed"), e.Bool("disconnectOthersAllowed"), e.Bool("addParticipantAllowed"));
}

/// <summary>Values for creating or changing a call leg profile; only what is set is sent.</summary>
public sealed record CallLegProfileChanges
{
    /// <summary>The profile's name.</summary>
    public CmsParam<string> Name { get; init; }

    /// <summary>Guests wait in the lobby until an activator joins.</summary>
    public CmsParam<bool> NeedsActivation { get; init; }

    /// <summary>The layout legs start with.</summary>
    public CmsParam<Layout> DefaultLayout { get; init; }

    /// <summary>Participants may change their layout.</summary>
    public CmsParam<bool> ChangeLayoutAllowed { get; init; }

    /// <summary>Participants may present.</summary>
    public CmsParam<bool> PresentationContributionAllowed { get; init; }

    /// <summary>Participants see presentations.</summary>
    public CmsParam<bool> PresentationViewingAllowed { get; init; }

    /// <summary>Participants may mute their audio.</summary>
    public CmsParam<bool> MuteSelfAllowed { get; init; }

    /// <summary>Participants may mute their video.</summary>
    public CmsParam<bool> VideoMuteSelfAllowed { get; init; }

    /// <summary>Participants may mute others' audio.</summary>
    public CmsParam<bool> MuteOthersAllowed { get; init; }

    /// <summary>Participants may end the call.</summary>
    public CmsParam<bool> EndCallAllowed { get; init; }

    /// <summary>Longest a leg may last, in whole seconds.</summary>
    public CmsParam<int> MaxCallDurationSeconds { get; init; }

    /// <summary>What happens to legs that need activation when the last activator leaves.</summary>
    public CmsParam<DeactivationMode> DeactivationMode { get; init; }

    /// <summary>Whole seconds after the last activator leaves before <see cref="DeactivationMode"/> applies.</summary>
    public CmsParam<int> DeactivationModeTimeSeconds { get; init; }

    /// <summary>Others do not hear these legs.</summary>
    public CmsParam<bool> RxAudioMute { get; init; }

    /// <summary>These legs hear nothing.</summary>
    public CmsParam<bool> TxAudioMute { get; init; }

    /// <summary>Others do not see these legs.</summary>
    public CmsParam<bool> RxVideoMute { get; init; }

    /// <summary>These legs see nothing.</summary>
    public CmsParam<bool> TxVideoMute { get; init; }

    /// <summary>Names are shown on the panes.</summary>
    public CmsParam<bool> ParticipantLabels { get; init; }

    /// <summary>Participants may stop others' video.</summary>
    public CmsParam<bool> VideoMuteOthersAllowed { get; init; }

    /// <summary>Participants may lock the call.</summary>
    public CmsParam<bool> CallLockAllowed { get; init; }

    /// <summary>Participants may disconnect others.</summary>
    public CmsParam<bool> DisconnectOthersAllowed { get; init; }

    /// <summary>Participants may add others.</summary>
    public CmsParam<bool> AddParticipantAllowed { get; init; }

    internal FormBody ToForm() => new FormBody().Add("name", Name).Add("needsActivation", NeedsActivation)
        .Add("defaultLayout", DefaultLayout).Add("changeLayoutAllowed", ChangeLayoutAllowed)
        .Add("presentationContributionAllowed", PresentationContributionAllowed).Add("presentationViewingAllowed", PresentationViewingAllowed)
        .Add("muteSelfAllowed", MuteSelfAllowed).Add("videoMuteSelfAllowed", VideoMuteSelfAllowed).Add("muteOthersAllowed", MuteOthersAllowed)
        .Add("endCallAllowed", EndCallAllowed).Add("maxCallDurationTime", MaxCallDurationSeconds)
        .Add("deactivationMode", DeactivationMode).Add("deactivationModeTime", DeactivationModeTimeSeconds)
        .Add("rxAudioMute", RxAudioMute).Add("txAudioMute", TxAudioMute).Add("rxVideoMute", RxVideoMute).Add("txVideoMute", TxVideoMute)
        .Add("participantLabels", ParticipantLabels).Add("videoMuteOthersAllowed", VideoMuteOthersAllowed)
        .Add("callLockAllowed", CallLockAllowed).Add("disconnectOthersAllowed", DisconnectOthersAllowed)
        .Add("addParticipantAllowed", AddParticipantAllowed);
}
