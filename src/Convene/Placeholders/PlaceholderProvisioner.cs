using System.Collections.Concurrent;
using System.Threading.Channels;
using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Placeholders;

/// <summary>
/// Runs placeholder provisioning in the background, one bridge at a time, and resumes what a crash
/// interrupted (bridges left Pending or Running) when it starts.
/// </summary>
public sealed class PlaceholderProvisioner(IServiceScopeFactory scopes, ILogger<PlaceholderProvisioner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _idle = new();

    public void Queue(Guid bridgeId)
    {
        _idle.GetOrAdd(bridgeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(bridgeId);
    }

    /// <summary>Completes when nothing is queued or running for the bridge.</summary>
    public Task WhenIdleAsync(Guid bridgeId) => _idle.TryGetValue(bridgeId, out var idle) ? idle.Task : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            foreach (var id in await db.Bridges.Where(b => b.Provisioning == ProvisioningState.Pending || b.Provisioning == ProvisioningState.Running)
                         .Select(b => b.Id).ToListAsync(stoppingToken))
            {
                Queue(id);
            }
        }
        await foreach (var bridgeId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PlaceholderProvisioning>().RunAsync(bridgeId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ProvisioningCrashed(logger, e, bridgeId);
            }
            finally
            {
                if (!_queue.Reader.TryPeek(out var next) || next != bridgeId)
                {
                    if (_idle.TryRemove(bridgeId, out var idle))
                    {
                        idle.TrySetResult();
                    }
                }
            }
        }
    }
}
