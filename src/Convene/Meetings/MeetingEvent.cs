using System.Text.Json.Serialization;

namespace Convene.Meetings;

/// <summary>
/// One line of a meeting's timeline (<c>GET /api/meetings/{id}/timeline</c>): a state transition, a CMS request
/// (node, method, path, status, latency) or a participant change, in the order they happened.
/// </summary>
public sealed class MeetingEvent
{
    public long Id { get; set; }

    public Guid MeetingId { get; set; }

    public DateTimeOffset TimeUtc { get; set; }

    public MeetingEventKind Kind { get; set; }

    /// <summary>What happened, for people (passcodes masked as CMS masks them: <c>passcode=*****</c>).</summary>
    public required string Text { get; set; }

    /// <summary>For a CMS request: the node's name.</summary>
    public string? Node { get; set; }

    public string? Method { get; set; }

    public string? Path { get; set; }

    /// <summary>For a CMS request: the HTTP status, or null when no answer came.</summary>
    public int? Status { get; set; }

    public double? LatencyMs { get; set; }

    /// <summary>For a participant change: the participant.</summary>
    public Guid? ParticipantId { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<MeetingEventKind>))]
public enum MeetingEventKind
{
    Transition,
    CmsRequest,
    Participant,
}
