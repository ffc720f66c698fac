namespace Convene.Cms.Simulator;

/// <summary>Faults injected into one node's API.</summary>
public sealed class NodeFaults
{
    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share of requests (0 to 1) answered 503, as a CMS that is temporarily busy.</summary>
    public double BusyShare { get; set; }

    /// <summary>Answer the next request with 401 once, as the seed trace shows (API trace 9498).</summary>
    public bool UnauthorizedOnce { get; set; }

    /// <summary>Answer every request 503 until cleared.</summary>
    public bool Busy { get; set; }

    public NodeFaults Clone() => (NodeFaults)MemberwiseClone();
}
