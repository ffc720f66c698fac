using System.Text.Json.Serialization;

namespace Convene.Meetings;

/// <summary>
/// A booked meeting on a bridge. The organiser's local start and end with the IANA zone are the user's
/// values; the UTC instants are computed from them. (Booking, launch and control come with the
/// meetings feature; bridges need to know which meetings depend on them.)
/// </summary>
public sealed class Meeting
{
    public Guid Id { get; set; }

    public Guid BridgeId { get; set; }

    public required string Title { get; set; }

    public DateTime StartLocal { get; set; }

    public DateTime EndLocal { get; set; }

    public required string TimeZone { get; set; }

    public DateTimeOffset StartUtc { get; set; }

    public DateTimeOffset EndUtc { get; set; }

    /// <summary>The placeholder's numeric ID the meeting runs in, once one is taken.</summary>
    public long? NumericId { get; set; }

    public MeetingState State { get; set; }

    public string? CancelReason { get; set; }

    public bool IsActive => State is MeetingState.Booked or MeetingState.Running;
}

[JsonConverter(typeof(JsonStringEnumConverter<MeetingState>))]
public enum MeetingState
{
    Booked,
    Running,
    Ended,
    Cancelled,
}
