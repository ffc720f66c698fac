using System.Collections.Concurrent;

namespace Convene.Status;

/// <summary>Reads every node's status (the seed's System Status box, kept as history), and keeps the health
/// tickets and the failover order up to date; <see cref="StatusJob"/> runs a round once per cluster and interval,
/// the refresh endpoint one bridge. Bridges are polled at once, each under its own lock: a bridge with a dead
/// node holds up neither the others nor a refresh of another bridge.</summary>
public sealed class StatusPoller(IServiceScopeFactory scopes, ILogger<StatusPoller> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>Polls every active bridge now, once, and applies the retention; safe to call beside the job. A bridge whose poll fails is logged, and the others are still polled.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> bridges;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var check = scope.ServiceProvider.GetRequiredService<StatusCheck>();
            bridges = await check.ActiveBridgesAsync(cancellationToken);
            await check.DeleteOldSamplesAsync(cancellationToken);
        }
        await Task.WhenAll(bridges.Select(async id =>
        {
            try
            {
                await PollBridgeAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.StatusPollFailed(logger, e);
            }
        }));
    }

    /// <summary>Polls one bridge now; waits only for a poll of that same bridge already running.</summary>
    public async Task PollBridgeAsync(Guid bridgeId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(bridgeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StatusCheck>().RunAsync(bridgeId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }
}
