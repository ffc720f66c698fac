using Convene.Data;
using Convene.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Convene.Live;

/// <summary>Keeps Convene's CDR receiver registered (<see cref="CdrRegistration.RunDueAsync"/>) once per cluster every
/// <see cref="CdrOptions.ChangeScanInterval"/>: nodes added or changed, and every node each
/// <see cref="CdrOptions.RegistrationInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class CdrRegistrationJob(CdrRegistration registration, ILogger<CdrRegistrationJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("cdr-registration", "convene");

    public Task RunOnceAsync(CancellationToken cancellationToken) =>
        LiveJob.GuardAsync(logger, "registration", () => registration.RunDueAsync(cancellationToken));
}

/// <summary>Forgets the keys of CDR records older than <see cref="CdrOptions.SeenRetention"/>, once per cluster every
/// <see cref="CdrOptions.RegistrationInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class CdrPruningJob(ConveneDb db, IOptions<CdrOptions> options, TimeProvider time, ILogger<CdrPruningJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("cdr-pruning", "convene");

    public Task RunOnceAsync(CancellationToken cancellationToken) => LiveJob.GuardAsync(logger, "pruning", () =>
    {
        var cutoff = time.GetUtcNow() - options.Value.SeenRetention;
        return db.CdrRecordsSeen.Where(r => r.ReceivedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    });
}

/// <summary>Dials the due dial-out retries (<see cref="DialOutRetries"/>) once per cluster every
/// <see cref="LiveOptions.TickInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class DialOutRetriesJob(DialOutRetries retries, LiveState live, ILogger<DialOutRetriesJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("dial-out-retries", "convene");

    public Task RunOnceAsync(CancellationToken cancellationToken) =>
        LiveJob.GuardAsync(logger, "retries", () => live.RunAsync(() => retries.RunAsync(cancellationToken), cancellationToken));
}

/// <summary>Polls the meetings on silent nodes (<see cref="LivePolling"/>) once per cluster every
/// <see cref="LiveOptions.PollInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class LivePollingJob(LivePolling polling, LiveState live, ILogger<LivePollingJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("live-polling", "convene");

    public Task RunOnceAsync(CancellationToken cancellationToken) =>
        LiveJob.GuardAsync(logger, "polling", () => live.RunAsync(() => polling.RunAsync(cancellationToken), cancellationToken));
}

/// <summary>What the live jobs share: a failure is logged, and the next firing tries again; at start-up, a warning when
/// no receiver address is configured.</summary>
internal sealed class LiveJob(IOptions<CdrOptions> cdr, ILogger<LiveJob> logger) : IHostedService
{
    public static async Task GuardAsync(ILogger logger, string work, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LiveWorkFailed(logger, e, work);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (cdr.Value.ReceiverBaseUrl is null)
        {
            Log.NoReceiverBaseUrl(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
