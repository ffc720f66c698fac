using System.Collections.Concurrent;

namespace Convene.Live;

/// <summary>What the live work shares in one instance: a gate so that CDR processing, polling, retries and the
/// participant endpoints change participants one at a time here (the database's row claims keep instances apart),
/// and the distribution links already seen by polling.</summary>
public sealed class LiveState : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ConcurrentDictionary<string, bool> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> alone among the live work of this instance.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            Gate.Release();
        }
    }

    public void Dispose() => Gate.Dispose();
}
