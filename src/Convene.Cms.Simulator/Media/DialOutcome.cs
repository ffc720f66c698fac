namespace Convene.Cms.Simulator.Media;

/// <summary>What the far end does when the simulator dials it.</summary>
public enum DialOutcome
{
    /// <summary>Rings, then answers.</summary>
    Answer,

    /// <summary>No such destination: the leg fails before it rings (<c>unknownDestination</c>).</summary>
    Unreachable,

    /// <summary>The far end is busy: the leg fails before it rings (<c>remoteBusy</c>).</summary>
    Busy,

    /// <summary>Rings, then declines (<c>callDeclined</c>).</summary>
    Reject,

    /// <summary>Rings until the ring timeout (<c>ringingTimeout</c>).</summary>
    NoAnswer,
}
