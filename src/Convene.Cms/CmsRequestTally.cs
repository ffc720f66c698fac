namespace Convene.Cms;

/// <summary>
/// Counts the HTTP requests sent to any bridge within a scope (retries included), so a caller can show
/// what an operation cost: <c>using var tally = CmsRequestTally.Start(); … tally.Count</c>.
/// Scopes nest; each sees the requests made inside it.
/// </summary>
public sealed class CmsRequestTally : IDisposable
{
    private static readonly AsyncLocal<CmsRequestTally?> Current = new();
    private readonly CmsRequestTally? _outer;
    private int _count;

    private CmsRequestTally(CmsRequestTally? outer) => _outer = outer;

    /// <summary>Requests sent since <see cref="Start"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Starts counting in this async flow.</summary>
    public static CmsRequestTally Start()
    {
        var tally = new CmsRequestTally(Current.Value);
        Current.Value = tally;
        return tally;
    }

    /// <summary>Stops counting; the enclosing scope, if any, counts again.</summary>
    public void Dispose() => Current.Value = _outer;

    internal static void Increment()
    {
        for (var tally = Current.Value; tally is not null; tally = tally._outer)
        {
            Interlocked.Increment(ref tally._count);
        }
    }
}
