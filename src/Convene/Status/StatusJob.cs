using Convene.Lifecycle;
using Quartz;

namespace Convene.Status;

/// <summary>Reads every node's status (<see cref="StatusPoller.PollOnceAsync"/>) once per cluster, at start-up and then
/// every <see cref="StatusOptions.Interval"/>: several instances never poll a bridge several times over.</summary>
[DisallowConcurrentExecution]
public sealed class StatusJob(StatusPoller poller, ILogger<StatusJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("status", "convene");

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await poller.PollOnceAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StatusPollFailed(logger, e);
        }
    }
}
