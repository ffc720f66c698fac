using Quartz;
using Quartz.Extensibility;

namespace Convene.Tests;

/// <summary>
/// The Quartz job runs of one Convene instance that are completely over: the job returned and Quartz has written the
/// firing's end to its store (a one-shot trigger deleted, a periodic one waiting again). Seen when the job's dependency
/// injection scope closes, which Quartz does last; its job listeners hear of a run before the store does.
/// </summary>
public sealed class JobRuns
{
    private readonly Lock _gate = new();
    private readonly Dictionary<JobKey, int> _finished = [];

    /// <summary>Raised after each run is over.</summary>
    public event Action? Finished;

    /// <summary>How many runs of the job are over.</summary>
    public int Count(JobKey key)
    {
        lock (_gate)
        {
            return _finished.GetValueOrDefault(key);
        }
    }

    /// <summary>Makes each job scope of the instance report to <paramref name="runs"/> when it closes.</summary>
    internal static void Watch(IServiceCollection services, JobRuns runs)
    {
        services.AddSingleton(runs);
        services.AddScoped<JobRunScope>();
        services.Configure<JobFactoryOptions>(o => o.ConfigureScope = (scope, bundle, _) =>
            scope.ServiceProvider.GetRequiredService<JobRunScope>().Key = bundle.JobDetail.Key);
    }

    private void Finish(JobKey key)
    {
        lock (_gate)
        {
            _finished[key] = _finished.GetValueOrDefault(key) + 1;
        }
        Finished?.Invoke();
    }

    /// <summary>Lives as long as one job's scope.</summary>
    private sealed class JobRunScope(JobRuns runs) : IDisposable
    {
        public JobKey? Key { get; set; }

        public void Dispose()
        {
            if (Key is { } key)
            {
                runs.Finish(key);
            }
        }
    }
}
