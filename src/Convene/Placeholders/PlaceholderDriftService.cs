using Microsoft.Extensions.Options;

namespace Convene.Placeholders;

/// <summary>Runs <see cref="PlaceholderDriftCheck"/> every <see cref="PlaceholderOptions.DriftCheckInterval"/>
/// (the first one interval after start-up).</summary>
public sealed partial class PlaceholderDriftService(IServiceScopeFactory scopes, IOptions<PlaceholderOptions> options, TimeProvider time,
    ILogger<PlaceholderDriftService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DriftCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PlaceholderDriftCheck>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CheckCrashed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "The placeholder drift check stopped with an error")]
    private static partial void CheckCrashed(ILogger logger, Exception exception);
}
