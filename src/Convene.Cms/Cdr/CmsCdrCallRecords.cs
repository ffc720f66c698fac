namespace Convene.Cms.Cdr;

/// <summary><c>callStart</c>: a call (an instance of a space, an ad hoc or gateway call) began on this
/// Call Bridge (CDR guide §4.1 "callStart Record Contents").</summary>
public sealed record CmsCdrCallStart : CmsCdrRecord
{
    internal CmsCdrCallStart(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The call's id: the <c>id</c> attribute of <c>&lt;call&gt;</c>, as in <c>GET /calls/{id}</c>.</summary>
    public required string CallId { get; init; }

    /// <summary><c>name</c>: the call's name (a space's name, or what the bridge made up for an ad hoc call).</summary>
    public string? Name { get; init; }

    /// <summary><c>ownerName</c>: the owner of the space the call is an instance of, when it has one.</summary>
    public string? OwnerName { get; init; }

    /// <summary><c>callType</c>: <c>coSpace</c>, <c>adHoc</c>, <c>lyncConferencing</c>, <c>forwarding</c> (as written; open set).</summary>
    public string? CallType { get; init; }

    /// <summary><c>coSpace</c>: the id of the space, for a space's call.</summary>
    public string? CoSpace { get; init; }

    /// <summary><c>callCorrelator</c>: the same on every node for the instances of one distributed call;
    /// correlate a cluster's CDRs by it (§4.1, and API reference "calls").</summary>
    public string? CallCorrelator { get; init; }

    /// <summary><c>tenant</c>: the tenant's id, when the call has one.</summary>
    public string? Tenant { get; init; }

    /// <summary><c>cdrTag</c>: the space's tag (up to 100 characters) set through the API.</summary>
    public string? CdrTag { get; init; }

    internal static CmsCdrCallStart Read(CdrHeader header, CdrElementReader call) => new(header)
    {
        CallId = call.Id(),
        Name = call.Text("name"),
        OwnerName = call.Text("ownerName"),
        CallType = call.Text("callType"),
        CoSpace = call.Text("coSpace"),
        CallCorrelator = call.Text("callCorrelator"),
        Tenant = call.Text("tenant"),
        CdrTag = call.Text("cdrTag"),
    };
}

/// <summary><c>callEnd</c>: a call on this Call Bridge ended; an earlier <see cref="CmsCdrCallStart"/> has the
/// same <see cref="CallId"/> (CDR guide §4.2 "callEnd Record Contents").</summary>
public sealed record CmsCdrCallEnd : CmsCdrRecord
{
    internal CmsCdrCallEnd(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The call's id: the <c>id</c> attribute of <c>&lt;call&gt;</c>.</summary>
    public required string CallId { get; init; }

    /// <summary><c>callLegsCompleted</c>: call legs that completed within this call.</summary>
    public long? CallLegsCompleted { get; init; }

    /// <summary><c>callLegsMaxActive</c>: the most call legs active at once within this call.</summary>
    public long? CallLegsMaxActive { get; init; }

    /// <summary><c>durationSeconds</c>: how long the call was active, in whole seconds.</summary>
    public long? DurationSeconds { get; init; }

    internal static CmsCdrCallEnd Read(CdrHeader header, CdrElementReader call) => new(header)
    {
        CallId = call.Id(),
        CallLegsCompleted = call.Long("callLegsCompleted"),
        CallLegsMaxActive = call.Long("callLegsMaxActive"),
        DurationSeconds = call.Long("durationSeconds"),
    };
}
