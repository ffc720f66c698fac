using Convene.Meetings;
using Quartz;

namespace Convene.Lifecycle;

/// <summary>
/// Rolls the window of endless series on (<see cref="SeriesWindow.ExtendAsync"/>): every
/// <see cref="LifecycleOptions.SeriesWindowInterval"/>, once per cluster, each open-ended series gets its occurrences up
/// to now + <see cref="MeetingsOptions.SeriesWindow"/>. Idempotent; a run that fails is logged and the next one repeats it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SeriesWindowJob(IServiceScopeFactory scopes, ILogger<SeriesWindowJob> logger) : IJob
{
    public static readonly JobKey Key = new("series-window", "convene");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>One run; returns how many occurrences were made (0 when the run failed).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var made = await scope.ServiceProvider.GetRequiredService<SeriesWindow>().ExtendAsync(ct);
            if (made > 0)
            {
                LifecycleLog.SeriesExtended(logger, made);
            }
            return made;
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or ProblemException)
        {
            LifecycleLog.SeriesWindowFailed(logger, e);
            return 0;
        }
    }
}
