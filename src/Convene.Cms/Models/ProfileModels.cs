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

/// <summary>A call profile: per-call limits and behaviour. Only values set on the bridge are non-null.</summary>
/// <param name="Id">The profile's id.</param>
/// <param name="ParticipantLimit">Most participants in a call using it.</param>
/// <param name="MessageBoardEnabled">Chat board (removed in CMS 3.0).</param>
/// <param name="Locked">Calls start locked.</param>
/// <param name="RecordingMode">When calls record.</param>
/// <param name="StreamingMode">When calls stream.</param>
/// <param name="LockMode"><c>all</c> or <c>needsActivation</c> (2.9).</param>
/// <param name="ChatAllowed">In-meeting chat (3.2).</param>
public sealed record CmsCallProfile(string Id, int? ParticipantLimit, bool? MessageBoardEnabled, bool? Locked,
    CallActivityMode? RecordingMode, CallActivityMode? StreamingMode, string? LockMode, bool? ChatAllowed)
{
    internal static CmsCallProfile Parse(XElement e) => new(e.Id(), e.Int("participantLimit"), e.Bool("messageBoardEnabled"),
        e.Bool("locked"), e.Enum<CallActivityMode>("recordingMode"), e.Enum<CallActivityMode>("streamingMode"), e.Text("lockMode"), e.Bool("chatAllowed"));
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

    internal FormBody ToForm() => new FormBody().Add("participantLimit", ParticipantLimit).Add("messageBoardEnabled", MessageBoardEnabled)
        .Add("locked", Locked).Add("recordingMode", RecordingMode).Add("streamingMode", StreamingMode).Add("lockMode", LockMode)
        .Add("chatAllowed", ChatAllowed);
}

/// <summary>A call leg profile: in-call behaviour of the legs that use it. Only set values are non-null.</summary>
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
public sealed record CmsCallLegProfile(string Id, string? Name, bool? NeedsActivation, Layout? DefaultLayout, bool? ChangeLayoutAllowed,
    bool? PresentationContributionAllowed, bool? PresentationViewingAllowed, bool? MuteSelfAllowed, bool? VideoMuteSelfAllowed,
    bool? MuteOthersAllowed, bool? EndCallAllowed, TimeSpan? MaxCallDuration)
{
    internal static CmsCallLegProfile Parse(XElement e) => new(e.Id(), e.Text("name"), e.Bool("needsActivation"),
        e.Enum<Layout>("defaultLayout"), e.Bool("changeLayoutAllowed"), e.Bool("presentationContributionAllowed"),
        e.Bool("presentationViewingAllowed"), e.Bool("muteSelfAllowed"), e.Bool("videoMuteSelfAllowed"), e.Bool("muteOthersAllowed"),
        e.Bool("endCallAllowed"), e.Long("maxCallDurationTime") is { } s ? TimeSpan.FromSeconds(s) : null);
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

    internal FormBody ToForm() => new FormBody().Add("name", Name).Add("needsActivation", NeedsActivation)
        .Add("defaultLayout", DefaultLayout).Add("changeLayoutAllowed", ChangeLayoutAllowed)
        .Add("presentationContributionAllowed", PresentationContributionAllowed).Add("presentationViewingAllowed", PresentationViewingAllowed)
        .Add("muteSelfAllowed", MuteSelfAllowed).Add("videoMuteSelfAllowed", VideoMuteSelfAllowed).Add("muteOthersAllowed", MuteOthersAllowed)
        .Add("endCallAllowed", EndCallAllowed).Add("maxCallDurationTime", MaxCallDurationSeconds);
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
