using System.Collections.Concurrent;

namespace Convene.Placeholders;

/// <summary>
/// One placeholder operation per bridge at a time: provisioning, the drift check and the demo's re-attach
/// never work on the same bridge together (a repair during a bulk sync would collide with it).
/// </summary>
public sealed class PlaceholderLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    /// <summary>Waits for the bridge's lock; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(Guid bridgeId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(bridgeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    /// <summary>The bridge's lock if it is free now, else null.</summary>
    public IDisposable? TryEnter(Guid bridgeId)
    {
        var gate = _locks.GetOrAdd(bridgeId, _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0) ? new Held(gate) : null;
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
