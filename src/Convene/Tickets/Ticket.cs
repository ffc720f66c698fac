using System.Text.Json.Serialization;

namespace Convene.Tickets;

/// <summary>Something wrong with a bridge that an administrator should see, raised and resolved by
/// Convene as the cause comes and goes (the seed: "free of errors and warnings" once fixed).</summary>
public sealed class Ticket
{
    public int Id { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>The node concerned, for node tickets.</summary>
    public Guid? NodeId { get; set; }

    public TicketType Type { get; set; }

    public TicketState State { get; set; }

    public required string Summary { get; set; }

    public string? Details { get; set; }

    public DateTimeOffset RaisedUtc { get; set; }

    public DateTimeOffset? AcknowledgedUtc { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? ResolvedUtc { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<TicketType>))]
public enum TicketType
{
    BlankSystemName,
    DialNumberConfigurationError,
    BridgeUnreachable,
    AuthenticationFailed,
    ClusterNodeUnreachable,
    PlaceholderProvisioningFailed,
    PlaceholderPoolNearlyExhausted,

    /// <summary>Placeholders were deleted or changed on the bridge outside Convene (see Placeholders/PlaceholderDriftCheck).</summary>
    PlaceholderDrift,

    /// <summary>Every CDR receiver slot of a node is taken by other tools: Convene follows its meetings by polling.</summary>
    CdrReceiversFull,
}

[JsonConverter(typeof(JsonStringEnumConverter<TicketState>))]
public enum TicketState
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>A ticket type an administrator chose not to see for one bridge (TMS's ticket filters).</summary>
public sealed class TicketFilter
{
    public Guid BridgeId { get; set; }

    public TicketType Type { get; set; }
}
