using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Live;

/// <summary>Runs the live work on a timer (<see cref="LiveOptions.TickInterval"/>): CDR receiver registration
/// (nodes that changed every <see cref="CdrOptions.ChangeScanInterval"/>, every node every
/// <see cref="CdrOptions.RegistrationInterval"/>), due dial-out retries, polling of silent nodes, and pruning of
/// old record keys. Each piece is a plain class with one method, so the lifecycle's scheduler can take them over.</summary>
public sealed class LiveWorker(IServiceScopeFactory scopes, LiveState live, IOptions<LiveOptions> options, IOptions<CdrOptions> cdr,
    TimeProvider time, ILogger<LiveWorker> logger) : BackgroundService
{
    private DateTimeOffset _nextScan = DateTimeOffset.MinValue;
    private DateTimeOffset _nextFull = DateTimeOffset.MinValue;

    /// <summary>One round of the live work, as the timer runs it.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now >= _nextScan)
        {
            var full = now >= _nextFull;
            _nextScan = now + cdr.Value.ChangeScanInterval;
            _nextFull = full ? now + cdr.Value.RegistrationInterval : _nextFull;
            await RunWorkAsync("registration", (s, ct) => s.GetRequiredService<CdrRegistration>().RunAsync(!full, ct), cancellationToken);
            if (full)
            {
                await RunAsync("pruning", (s, ct) => s.GetRequiredService<ConveneDb>().CdrRecordsSeen
                    .Where(r => r.ReceivedUtc < now - cdr.Value.SeenRetention).ExecuteDeleteAsync(ct), cancellationToken);
            }
        }
        await RunAsync("retries", (s, ct) => s.GetRequiredService<DialOutRetries>().RunAsync(ct), cancellationToken);
        await RunAsync("polling", (s, ct) => s.GetRequiredService<LivePolling>().RunAsync(ct), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (cdr.Value.ReceiverBaseUrl is null)
        {
            Log.NoReceiverBaseUrl(logger);
        }
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync<T>(string work, Func<IServiceProvider, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            await live.RunAsync(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await action(scope.ServiceProvider, cancellationToken);
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LiveWorkFailed(logger, e, work);
        }
    }

    private Task RunWorkAsync(string work, Func<IServiceProvider, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        RunAsync(work, async (s, ct) =>
        {
            await action(s, ct);
            return true;
        }, cancellationToken);
}
