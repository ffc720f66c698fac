using System.Text.Json.Serialization;

namespace Convene.Meetings;

/// <summary>
/// One booked meeting: a single booking, or one occurrence of a <see cref="MeetingSeries"/>, each with its own id
/// usable with every meeting endpoint. The organiser's local start and end with the IANA zone are the user's values;
/// the UTC instants are computed from them (NodaTime, one written rule for skipped and repeated local times).
/// The placeholder is taken at booking time and held over <see cref="HoldFromUtc"/>–<see cref="HoldUntilUtc"/>
/// (early join and the gap after the end included); no two holds of one placeholder overlap.
/// </summary>
public sealed class Meeting
{
    public Guid Id { get; set; }

    /// <summary>The series this is an occurrence of; null for a single booking.</summary>
    public Guid? SeriesId { get; set; }

    /// <summary>For an occurrence, its original local start in the series (RFC 5545 RECURRENCE-ID), which stays
    /// when the occurrence alone is moved.</summary>
    public DateTime? RecurrenceIdLocal { get; set; }

    /// <summary>True when this occurrence was changed on its own and no longer follows the series' values.</summary>
    public bool IsException { get; set; }

    public Guid BridgeId { get; set; }

    public required string Title { get; set; }

    /// <summary>The user who owns the meeting (the booker, or whom an Operator booked for).</summary>
    public Guid? OrganizerId { get; set; }

    /// <summary>The organiser's user name at booking, passed to the CMS as the space's <c>meetingScheduler</c>.</summary>
    public string? OrganizerName { get; set; }

    public DateTime StartLocal { get; set; }

    public DateTime EndLocal { get; set; }

    /// <summary>IANA time zone id of <see cref="StartLocal"/> and <see cref="EndLocal"/>.</summary>
    public required string TimeZone { get; set; }

    public DateTimeOffset StartUtc { get; set; }

    /// <summary>The end, moved by each extension.</summary>
    public DateTimeOffset EndUtc { get; set; }

    /// <summary>The placeholder held; null when the occurrence holds none (cancelled, or failed to get one).</summary>
    public Guid? PlaceholderId { get; set; }

    /// <summary>The placeholder's numeric ID the meeting runs in: URI user part and call ID.</summary>
    public long? NumericId { get; set; }

    /// <summary>Start of the hold: <see cref="StartUtc"/> less the early join.</summary>
    public DateTimeOffset HoldFromUtc { get; set; }

    /// <summary>End of the hold: <see cref="EndUtc"/> plus the configured gap after a meeting.</summary>
    public DateTimeOffset HoldUntilUtc { get; set; }

    public LaunchType Launch { get; set; }

    /// <summary>Digits set as the space's passcode at start; null for none.</summary>
    public string? Pin { get; set; }

    /// <summary>The space secret chosen at booking and set at start, so the web join link is known in advance.</summary>
    public string? Secret { get; set; }

    public int EarlyJoinMinutes { get; set; } = 5;

    public ExtendMode ExtendMode { get; set; }

    /// <summary>Extensions made so far (AutomaticBestEffort stops at 16).</summary>
    public int Extensions { get; set; }

    /// <summary>Minutes before the end at which a warning banner is shown, largest first ("5,1").</summary>
    public string EndWarnings { get; set; } = "5,1";

    public MeetingState State { get; set; }

    /// <summary>Why the meeting was cancelled, failed, or a transition was missed.</summary>
    public string? CancelReason { get; set; }

    /// <summary>The call's id on the bridge while the meeting runs.</summary>
    public string? CallId { get; set; }

    /// <summary>The node hosting the call.</summary>
    public Guid? CallNodeId { get; set; }

    public bool Locked { get; set; }

    /// <summary>Set when a live meeting (Starting, Running, Ending) is cancelled through the API: its State stays as
    /// it is and the lifecycle engine ends it as soon as it can (an "end now"), then sets Ended. A meeting that is
    /// still Booked is cancelled at once instead (State Cancelled, PlaceholderId null).</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Optimistic concurrency: every change increments it; the API's ETag.</summary>
    public long Version { get; set; }

    /// <summary>The Convene instance whose transition holds the meeting (<see cref="Lifecycle.MeetingLeases"/>): another
    /// instance neither resumes nor repairs it until <see cref="LeaseUntilUtc"/> has passed or the holder is known dead.
    /// Null when no transition runs. Not part of <see cref="Version"/>: taking the lease does not move the ETag.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the lease of <see cref="LeaseOwner"/> expires unless renewed (each save of its transition renews it).</summary>
    public DateTimeOffset? LeaseUntilUtc { get; set; }

    /// <summary>True from the save of a running meeting's new title or PIN until the space has it (one
    /// <c>PUT coSpaces/{id}</c>): a crash in between leaves it set, and reconciliation pushes the space again.</summary>
    public bool SpacePending { get; set; }

    public List<MeetingParticipant> Participants { get; set; } = [];

    /// <summary>The states of a meeting that still holds its placeholder and depends on its bridge (queries use it).</summary>
    public static readonly MeetingState[] ActiveStates = [MeetingState.Booked, MeetingState.Starting, MeetingState.Running, MeetingState.Ending];

    /// <summary>The states of a meeting that is on the bridge now: a call may exist, the space may be open.</summary>
    public static readonly MeetingState[] LiveStates = [MeetingState.Starting, MeetingState.Running, MeetingState.Ending];

    /// <summary>Booked or under way: it still holds its placeholder and depends on its bridge.</summary>
    public bool IsActive => ActiveStates.Contains(State);

    /// <summary>On the bridge now (a call may exist).</summary>
    public bool IsLive => LiveStates.Contains(State);
}

/// <summary>Where a meeting is in its life. Booked → Starting → Running → Ending → Ended; Cancelled and Failed end it too.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingState>))]
public enum MeetingState
{
    Booked,
    Starting,
    Running,
    Ending,
    Ended,
    Cancelled,
    Failed,
}

/// <summary>What happens at start.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LaunchType>))]
public enum LaunchType
{
    /// <summary>Open the space and dial every dial-out participant.</summary>
    Automatic,

    /// <summary>Open the space; an operator connects people.</summary>
    Manual,

    /// <summary>Only hold the placeholder and its dial-in details.</summary>
    Reservation,
}

/// <summary>How a meeting may run past its end.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExtendMode>))]
public enum ExtendMode
{
    None,

    /// <summary>+15 minutes while anyone is connected and the placeholder is free, at most 16 times.</summary>
    AutomaticBestEffort,

    /// <summary>Only when someone asks.</summary>
    OnRequest,
}
