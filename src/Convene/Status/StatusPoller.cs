using Convene.Bridges;
using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Status;

/// <summary>Reads every node's status on a timer (the seed's System Status box, kept as history), and
/// keeps the health tickets and the failover order up to date.</summary>
public sealed class StatusPoller(IServiceScopeFactory scopes, IOptions<StatusOptions> options, TimeProvider time, ILogger<StatusPoller> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Polls every bridge now (or only <paramref name="bridgeId"/>), once; safe to call while the timer runs.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken, Guid? bridgeId = null)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StatusCheck>().RunAsync(cancellationToken, bridgeId);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.StatusPollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
