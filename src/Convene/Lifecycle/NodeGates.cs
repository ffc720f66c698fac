using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Convene.Lifecycle;

/// <summary>Bounds the requests the engine sends to one CMS node at once (<see cref="LifecycleOptions.MaxConcurrentRequestsPerNode"/>),
/// across every meeting, so a start storm queues here instead of overloading a node.</summary>
public sealed class NodeGates(IOptions<LifecycleOptions> options)
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    public SemaphoreSlim For(Guid nodeId) => _gates.GetOrAdd(nodeId, _ => new SemaphoreSlim(options.Value.MaxConcurrentRequestsPerNode));

    /// <summary>How many more requests the node would take at once now: 0 when it is at its limit, whether or not
    /// others queue behind it.</summary>
    public int Free(Guid nodeId) => For(nodeId).CurrentCount;
}

/// <summary>One transition at a time per meeting within this instance (other instances are kept out by the
/// meeting's version and by Quartz firing each trigger once).</summary>
public sealed class MeetingLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(Guid meetingId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(meetingId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
