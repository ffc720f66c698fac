using System.Globalization;
using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A call in <c>GET /calls</c>: an active instance of a space on this node.</summary>
/// <param name="Id">The call's id (not the space's).</param>
/// <param name="Name">The call's name; a space's call is named after the space.</param>
/// <param name="CoSpace">The space's id, for a space's call.</param>
/// <param name="CallCorrelator">The same on every node's instance of one distributed meeting.</param>
/// <param name="Tenant">The tenant's id, when the call has one.</param>
public sealed record CmsCallSummary(string Id, string? Name, string? CoSpace, string? CallCorrelator, string? Tenant)
{
    internal static CmsCallSummary Parse(XElement e) =>
        new(e.Id(), e.Text("name"), e.Text("coSpace"), e.Text("callCorrelator"), e.Text("tenant"));
}

/// <summary><c>GET /calls/{id}</c>: one active conference instance on this node.</summary>
/// <param name="Id">The call's id.</param>
/// <param name="Name">The call's name.</param>
/// <param name="CallType"><c>coSpace</c>, <c>forwarding</c>, <c>adHoc</c> or <c>lyncConferencing</c>.</param>
/// <param name="CoSpace">The space's id, for a space's call.</param>
/// <param name="Tenant">The tenant's id.</param>
/// <param name="OwnerName">The space's meeting scheduler or owner (2.2).</param>
/// <param name="CallCorrelator">The same on every node's instance of one distributed meeting.</param>
/// <param name="Duration">Time since the call started.</param>
/// <param name="NumCallLegs">Call legs on this node now.</param>
/// <param name="MaxCallLegs">Most call legs at once.</param>
/// <param name="NumParticipantsLocal">Participants hosted on this node.</param>
/// <param name="NumParticipantsRemote">Participants hosted on other nodes' instances.</param>
/// <param name="NumDistributedInstances">Instances of this meeting on other nodes.</param>
/// <param name="PresenterCallLeg">The leg presenting, only while someone presents.</param>
/// <param name="Locked">Lobby lock: new participants wait to be admitted.</param>
/// <param name="Recording">Recording is on.</param>
/// <param name="Streaming">Streaming is on.</param>
/// <param name="AllowAllMuteSelf">Every participant may mute themselves.</param>
/// <param name="AllowAllPresentationContribution">Every participant may present.</param>
/// <param name="JoinAudioMuteOverride">New joiners join muted (true) or not; null = from the profile.</param>
/// <param name="MessageText">The banner's text on SIP endpoints.</param>
/// <param name="MessagePosition">Where the banner shows.</param>
/// <param name="MessageDuration">How long the banner shows.</param>
/// <param name="MessageTimeRemaining">How long the banner still shows, in seconds.</param>
/// <param name="ActiveWhenEmpty">An empty call counts as active for load balancing.</param>
/// <param name="RecordingStatus">Whether the recorder is actually recording now (<c>recording</c> says it was asked to).</param>
/// <param name="StreamingStatus">Whether the streamer is actually streaming now.</param>
/// <param name="EndpointRecording">A participant records the meeting itself, such as a Lync client (2.4).</param>
public sealed record CmsCall(
    string Id, string? Name, string? CallType, string? CoSpace, string? Tenant, string? OwnerName, string? CallCorrelator,
    TimeSpan? Duration, int? NumCallLegs, int? MaxCallLegs, int? NumParticipantsLocal, int? NumParticipantsRemote,
    int? NumDistributedInstances, string? PresenterCallLeg, bool? Locked, bool? Recording, bool? Streaming,
    bool? AllowAllMuteSelf, bool? AllowAllPresentationContribution, bool? JoinAudioMuteOverride,
    string? MessageText, MessagePosition? MessagePosition, MessageDuration? MessageDuration, long? MessageTimeRemaining,
    bool? ActiveWhenEmpty, bool? RecordingStatus = null, bool? StreamingStatus = null, bool? EndpointRecording = null)
{
    internal static CmsCall Parse(XElement e) => new(
        e.Id(), e.Text("name"), e.Text("callType"), e.Text("coSpace"), e.Text("tenant"), e.Text("ownerName"), e.Text("callCorrelator"),
        e.Seconds("durationSeconds"), e.Int("numCallLegs"), e.Int("maxCallLegs"),
        e.Int("numParticipantsLocal"), e.Int("numParticipantsRemote"), e.Int("numDistributedInstances"),
        e.Text("presenterCallLeg"),
        e.Bool("locked"), e.Bool("recording"), e.Bool("streaming"), e.Bool("allowAllMuteSelf"),
        e.Bool("allowAllPresentationContribution"), e.Bool("joinAudioMuteOverride"),
        e.Text("messageText"), e.Enum<MessagePosition>("messagePosition"),
        Cms.MessageDuration.Parse(e.Text("messageDuration")), e.Long("messageTimeRemaining"), e.Bool("activeWhenEmpty"),
        e.Bool("recordingStatus"), e.Bool("streamingStatus"), e.Bool("endpointRecording"));
}

/// <summary>Where a call's message banner shows on SIP endpoints.</summary>
public enum MessagePosition
{
    /// <summary>At the top of the screen.</summary>
    Top,

    /// <summary>In the middle.</summary>
    Middle,

    /// <summary>At the bottom.</summary>
    Bottom,
}

/// <summary>How long a call's message banner shows: a number of seconds (0 hides it) or
/// <see cref="Permanent"/>. On the wire: the seconds, or <c>permanent</c>.</summary>
public readonly record struct MessageDuration
{
    private MessageDuration(int? seconds) => Seconds = seconds;

    /// <summary>Shown until changed.</summary>
    public static MessageDuration Permanent => new(null);

    /// <summary>The seconds, or null when <see cref="IsPermanent"/>.</summary>
    public int? Seconds { get; }

    /// <summary>True when the banner stays until it is changed.</summary>
    public bool IsPermanent => Seconds is null;

    /// <summary>Shown for <paramref name="seconds"/> (0 hides the banner).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static MessageDuration FromSeconds(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        return new(seconds);
    }

    /// <summary>Shown for <paramref name="duration"/>, in whole seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or over <see cref="int.MaxValue"/> seconds.</exception>
    public static MessageDuration FromTimeSpan(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duration.TotalSeconds, int.MaxValue, nameof(duration));
        return new((int)duration.TotalSeconds);
    }

    /// <summary>The wire form: the seconds, or <c>permanent</c>.</summary>
    public override string ToString() => Seconds?.ToString(CultureInfo.InvariantCulture) ?? "permanent";

    internal static MessageDuration? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (string.Equals(text, "permanent", StringComparison.OrdinalIgnoreCase))
        {
            return Permanent;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? new MessageDuration(seconds)
            : throw new FormatException($"<messageDuration> is '{text}', not seconds or permanent.");
    }
}

/// <summary>Parameters of <c>POST /calls</c> and <c>PUT /calls/{id}</c>: left out unless set;
/// <see cref="CmsParam.Clear"/> unsets one (the profile's value applies again).</summary>
public sealed record CallChanges
{
    /// <summary>Lobby lock; participants already in are not moved out by locking.</summary>
    public CmsParam<bool> Locked { get; init; }

    /// <summary>Starts (true) or stops recording.</summary>
    public CmsParam<bool> Recording { get; init; }

    /// <summary>Starts (true) or stops streaming.</summary>
    public CmsParam<bool> Streaming { get; init; }

    /// <summary>Every participant may mute themselves.</summary>
    public CmsParam<bool> AllowAllMuteSelf { get; init; }

    /// <summary>Every participant may present.</summary>
    public CmsParam<bool> AllowAllPresentationContribution { get; init; }

    /// <summary>New joiners join muted (true); cleared = from the profile.</summary>
    public CmsParam<bool> JoinAudioMuteOverride { get; init; }

    /// <summary>The banner's text on SIP endpoints.</summary>
    public CmsParam<string> MessageText { get; init; }

    /// <summary>Where the banner shows.</summary>
    public CmsParam<MessagePosition> MessagePosition { get; init; }

    /// <summary>How long the banner shows.</summary>
    public CmsParam<MessageDuration> MessageDuration { get; init; }

    /// <summary>An empty call counts as active for load balancing (default true).</summary>
    public CmsParam<bool> ActiveWhenEmpty { get; init; }

    /// <summary>Create only: the Call Bridge Group the call belongs to (its id); a group that does not exist
    /// is refused with <c>callBridgeGroupDoesNotExist</c>. Refused by <see cref="CmsClient.UpdateCallAsync"/>.</summary>
    public string? CallBridgeGroup { get; init; }

    internal FormBody AddTo(FormBody form) => form
        .Add("callBridgeGroup", CallBridgeGroup is null ? null : CmsIds.Check(CallBridgeGroup, nameof(CallBridgeGroup)))
        .Add("locked", Locked)
        .Add("recording", Recording)
        .Add("streaming", Streaming)
        .Add("allowAllMuteSelf", AllowAllMuteSelf)
        .Add("allowAllPresentationContribution", AllowAllPresentationContribution)
        .Add("joinAudioMuteOverride", JoinAudioMuteOverride)
        .Add("messageText", MessageText)
        .Add("messagePosition", MessagePosition)
        .Add("messageDuration", MessageDuration)
        .Add("activeWhenEmpty", ActiveWhenEmpty);
}
