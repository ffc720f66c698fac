using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>The <c>&lt;configuration&gt;</c> of a call leg (<c>GET /callLegs/{id}</c>): the values in effect for
/// the leg, from its call leg profile chain (global, tenant, space, access method) and its own overrides.
/// A value the bridge does not write, or writes empty, is null.</summary>
/// <param name="OwnerId">The caller's tag given at dial-out.</param>
/// <param name="ChosenLayout">The layout chosen for this leg.</param>
/// <param name="DefaultLayout">The layout it started with.</param>
/// <param name="NeedsActivation">The leg waits in the lobby until an activator joins.</param>
/// <param name="DeactivationMode">What happens to it when the last activator leaves.</param>
/// <param name="DeactivationModeTime">How long after the last activator leaves that happens.</param>
/// <param name="RxAudioMute">Others do not hear it.</param>
/// <param name="TxAudioMute">It hears nothing.</param>
/// <param name="RxVideoMute">Others do not see it.</param>
/// <param name="TxVideoMute">It sees nothing.</param>
/// <param name="NameLabelOverride">The name shown on its pane (2.4).</param>
/// <param name="ParticipantLabels">Names are shown on its panes.</param>
/// <param name="PresentationContributionAllowed">It may present.</param>
/// <param name="PresentationViewingAllowed">It sees presentations.</param>
/// <param name="ChangeLayoutAllowed">It may change its layout.</param>
/// <param name="MuteSelfAllowed">It may mute itself.</param>
/// <param name="VideoMuteSelfAllowed">It may stop its own video.</param>
/// <param name="MuteOthersAllowed">It may mute others.</param>
/// <param name="VideoMuteOthersAllowed">It may stop others' video.</param>
/// <param name="EndCallAllowed">It may end the call.</param>
/// <param name="DisconnectOthersAllowed">It may disconnect others.</param>
/// <param name="CallLockAllowed">It may lock the call.</param>
public sealed record CmsCallLegConfiguration(string? OwnerId, Layout? ChosenLayout, Layout? DefaultLayout, bool? NeedsActivation,
    DeactivationMode? DeactivationMode, TimeSpan? DeactivationModeTime, bool? RxAudioMute, bool? TxAudioMute, bool? RxVideoMute,
    bool? TxVideoMute, string? NameLabelOverride, bool? ParticipantLabels, bool? PresentationContributionAllowed,
    bool? PresentationViewingAllowed, bool? ChangeLayoutAllowed, bool? MuteSelfAllowed, bool? VideoMuteSelfAllowed,
    bool? MuteOthersAllowed, bool? VideoMuteOthersAllowed, bool? EndCallAllowed, bool? DisconnectOthersAllowed, bool? CallLockAllowed)
{
    internal static CmsCallLegConfiguration Parse(XElement e) => new(e.Text("ownerId"), e.Enum<Layout>("chosenLayout"),
        e.Enum<Layout>("defaultLayout"), e.Bool("needsActivation"), e.Enum<DeactivationMode>("deactivationMode"), e.Seconds("deactivationModeTime"),
        e.Bool("rxAudioMute"), e.Bool("txAudioMute"), e.Bool("rxVideoMute"), e.Bool("txVideoMute"), e.Text("nameLabelOverride"),
        e.Bool("participantLabels"), e.Bool("presentationContributionAllowed"), e.Bool("presentationViewingAllowed"),
        e.Bool("changeLayoutAllowed"), e.Bool("muteSelfAllowed"), e.Bool("videoMuteSelfAllowed"), e.Bool("muteOthersAllowed"),
        e.Bool("videoMuteOthersAllowed"), e.Bool("endCallAllowed"), e.Bool("disconnectOthersAllowed"), e.Bool("callLockAllowed"));
}
