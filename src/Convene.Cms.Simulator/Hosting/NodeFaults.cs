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

    private int _unauthorizedOnce;
    private int _loseNextAnswer;

    internal bool TakeLoseNextAnswer() => Interlocked.Exchange(ref _loseNextAnswer, 0) == 1;

    /// <summary>True for exactly one caller while <see cref="UnauthorizedOnce"/> is set, however many race for it.</summary>
    internal bool TakeUnauthorizedOnce() => Interlocked.Exchange(ref _unauthorizedOnce, 0) == 1;

    public NodeFaults Clone() => (NodeFaults)MemberwiseClone();
}
