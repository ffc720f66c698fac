using System.Threading.Channels;
using Convene.Bridges;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Placeholders;

/// <summary>
/// Runs placeholder provisioning in the background, one bridge at a time, and resumes what a crash
/// interrupted (bridges left Pending or Running) when it starts.
/// </summary>
public sealed class PlaceholderProvisioner(IServiceScopeFactory scopes, PlaceholderLocks locks, ILogger<PlaceholderProvisioner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly Lock _gate = new();

    /// <summary>Per bridge: how many runs are queued or running, and what completes when none is left.</summary>
    private readonly Dictionary<Guid, (int Runs, TaskCompletionSource Idle)> _work = [];

    public void Queue(Guid bridgeId)
    {
        lock (_gate)
        {
            _work[bridgeId] = _work.TryGetValue(bridgeId, out var work)
                ? (work.Runs + 1, work.Idle)
                : (1, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        _queue.Writer.TryWrite(bridgeId);
    }

    /// <summary>Completes when nothing is queued or running for the bridge.</summary>
    public Task WhenIdleAsync(Guid bridgeId)
    {
        lock (_gate)
        {
            return _work.TryGetValue(bridgeId, out var work) ? work.Idle.Task : Task.CompletedTask;
        }
    }

    /// <summary>Queues the interrupted bridges before start-up completes: ExecuteAsync runs in the
    /// background, and until it had queued them <see cref="WhenIdleAsync"/> said a resumed bridge was idle.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            foreach (var id in await db.Bridges.Where(b => b.Provisioning == ProvisioningState.Pending || b.Provisioning == ProvisioningState.Running)
                         .Select(b => b.Id).ToListAsync(cancellationToken))
            {
                Queue(id);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var bridgeId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var held = await locks.EnterAsync(bridgeId, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PlaceholderProvisioning>().RunAsync(bridgeId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ProvisioningCrashed(logger, e, bridgeId);
            }
            finally
            {
                // Counted, not peeked: with A, B, A queued, A is not idle after its first run.
                lock (_gate)
                {
                    var work = _work[bridgeId];
                    if (work.Runs > 1)
                    {
                        _work[bridgeId] = (work.Runs - 1, work.Idle);
                    }
                    else
                    {
                        _work.Remove(bridgeId);
                        work.Idle.TrySetResult();
                    }
                }
            }
        }
    }
}
