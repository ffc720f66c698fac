namespace Convene.Status;

/// <summary>One poll of one node's <c>system/status</c>, kept for graphs until the retention ends.</summary>
public sealed class StatusSample
{
    public long Id { get; set; }

    public Guid BridgeId { get; set; }

    public Guid NodeId { get; set; }

    public DateTimeOffset TimeUtc { get; set; }

    public bool Reachable { get; set; }

    public long? UptimeSeconds { get; set; }

    public long? CallLegsActive { get; set; }

    public long? CallLegsMaxActive { get; set; }

    public long? CallLegsCompleted { get; set; }

    public long? AudioBitRateOutgoing { get; set; }

    public long? AudioBitRateIncoming { get; set; }

    public long? VideoBitRateOutgoing { get; set; }

    public long? VideoBitRateIncoming { get; set; }
}
