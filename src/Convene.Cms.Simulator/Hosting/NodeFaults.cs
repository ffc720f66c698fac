namespace Convene.Cms.Simulator;

/// <summary>Faults injected into one node's API.</summary>
public sealed class NodeFaults
{
    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Held after the request has been carried out, before the answer is sent: the case of an
    /// answer lost to a client's timeout although the bridge acted (a leg was dialled, a space made).</summary>
    public TimeSpan AnswerLatency { get; set; }

    /// <summary>Carry out the next request, then never answer it (until the client gives up): a lost answer, once.</summary>
    public bool LoseNextAnswer
    {
        get => Volatile.Read(ref _loseNextAnswer) == 1;
        set => Volatile.Write(ref _loseNextAnswer, value ? 1 : 0);
    }

    /// <summary>Share of requests (0 to 1) answered 503, as a CMS that is temporarily busy.</summary>
    public double BusyShare { get; set; }

    /// <summary>Answer the next request with 401 once, as the seed trace shows (API trace 9498).</summary>
    public bool UnauthorizedOnce
    {
        get => Volatile.Read(ref _unauthorizedOnce) == 1;
        set => Volatile.Write(ref _unauthorizedOnce, value ? 1 : 0);
    }

    /// <summary>Answer every request 503 until cleared.</summary>
    public bool Busy { get; set; }

    /// <summary>Requests to refuse with a given status and <c>failureDetails</c> reason, for testing what a
    /// client does when one step of a sequence fails (checked in order; the first match applies).</summary>
    public List<RequestRefusal> Refusals { get; set; } = [];

    /// <summary>The refusal for this request, if one applies; counts it.</summary>
    internal RequestRefusal? Refusal(string method, string path)
    {
        lock (Refusals)
        {
            foreach (var rule in Refusals)
            {
                if ((rule.Method is null || string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    && path.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase) && rule.Times is null or > 0)
                {
                    rule.Times--;
                    return rule;
                }
            }
        }
        return null;
    }

    private int _unauthorizedOnce;
    private int _loseNextAnswer;

    internal bool TakeLoseNextAnswer() => Interlocked.Exchange(ref _loseNextAnswer, 0) == 1;

    /// <summary>True for exactly one caller while <see cref="UnauthorizedOnce"/> is set, however many race for it.</summary>
    internal bool TakeUnauthorizedOnce() => Interlocked.Exchange(ref _unauthorizedOnce, 0) == 1;

    public NodeFaults Clone()
    {
        var copy = (NodeFaults)MemberwiseClone();
        copy.Refusals = Refusals.Select(r => r.Clone()).ToList();
        return copy;
    }
}

/// <summary>Refuse matching requests: the method (any when null), a piece of the path, the status and the
/// <c>failureDetails</c> reason, for <see cref="Times"/> requests (every one when null).</summary>
public sealed class RequestRefusal
{
    public string? Method { get; set; }

    public string PathContains { get; set; } = "";

    public int Status { get; set; } = 400;

    public string Reason { get; set; } = "databaseNotReady";

    public int? Times { get; set; }

    public RequestRefusal Clone() => (RequestRefusal)MemberwiseClone();
}
