using Convene.Lifecycle;
using Quartz;

namespace Convene.Placeholders;

/// <summary>Runs <see cref="PlaceholderDriftCheck"/> once per cluster every <see cref="PlaceholderOptions.DriftCheckInterval"/>
/// (the first at start-up): several instances never compare a bridge's placeholders several times over.</summary>
[DisallowConcurrentExecution]
public sealed partial class PlaceholderDriftJob(PlaceholderDriftCheck check, ILogger<PlaceholderDriftJob> logger) : IClusterJob
{
    public static readonly JobKey Key = new("placeholder-drift", "convene");

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await check.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CheckCrashed(logger, e);
        }
    }

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "The placeholder drift check stopped with an error")]
    private static partial void CheckCrashed(ILogger logger, Exception exception);
}
