namespace Convene.Live;

/// <summary>The secret in a bridge's CDR receiver URI (<c>/api/cdr/{bridgeId}/{token}</c>): 32 random bytes,
/// base64url; compared in constant time.</summary>
public sealed class CdrReceiverToken
{
    public Guid BridgeId { get; set; }

    public required string Token { get; set; }
}

/// <summary>What Convene knows of one node's CDRs: whether its receiver is registered there, and when the
/// node last sent a batch (the polling fallback starts when it goes quiet).</summary>
public sealed class CdrNodeState
{
    public Guid NodeId { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>The id of Convene's entry in the node's <c>system/cdrReceivers</c>; null when none is registered.</summary>
    public string? ReceiverId { get; set; }

    /// <summary>The URI registered, to tell when the configured base address changed.</summary>
    public string? ReceiverUri { get; set; }

    /// <summary>Why no receiver is registered (the node's slots are full, it could not be reached).</summary>
    public string? Problem { get; set; }

    public DateTimeOffset? CheckedUtc { get; set; }

    /// <summary>The address, credentials and pin last registered with, to see a node that changed.</summary>
    public string? Fingerprint { get; set; }

    public DateTimeOffset? LastCdrUtc { get; set; }
}

/// <summary>A CDR record already processed, keyed by the batch's session and the record's correlatorIndex (CDR
/// guide §2: a bridge resends a batch it got no 2xx for), so a resent record is dropped.</summary>
public sealed class CdrRecordSeen
{
    public required string Session { get; set; }

    public long CorrelatorIndex { get; set; }

    public DateTimeOffset ReceivedUtc { get; set; }
}

/// <summary>
/// One node's instance of a meeting's call. A space's call is distributed over the cluster: every node that a
/// participant of the space is on hosts its own call object for the same space (API reference "calls", CDR guide
/// §4.1: each node writes its own <c>callStart</c> with the space in <c>coSpace</c> and the shared
/// <c>callCorrelator</c>). Added when a node's <c>callStart</c> names the space of a live meeting's placeholder,
/// removed by that node's <c>callEnd</c> or when the end deleted the call; a row left after its meeting is over is
/// a call that still has to be deleted (reconciliation does).
/// </summary>
public sealed class CallInstance
{
    public Guid NodeId { get; set; }

    /// <summary>The call's id on that node, as in <c>GET /calls/{id}</c>.</summary>
    public required string CallId { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>The meeting whose space the call is an instance of.</summary>
    public Guid MeetingId { get; set; }

    /// <summary>The space (<c>coSpace</c> of the <c>callStart</c>).</summary>
    public required string SpaceId { get; set; }

    /// <summary>The <c>callStart</c>'s time (UTC).</summary>
    public DateTimeOffset StartedUtc { get; set; }
}
