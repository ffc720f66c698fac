using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Convene.Lifecycle;

public static class LifecycleExtensions
{
    /// <summary>
    /// The lifecycle engine: Quartz.NET with its ADO.NET job store in Convene's database (tables from Convene's
    /// migrations, prefix <c>qrtz_</c>), clustered on PostgreSQL so that instances share the work and each trigger
    /// fires once; on SQLite a single node. Quartz reads the container's <see cref="TimeProvider"/>.
    /// </summary>
    public static IHostApplicationBuilder AddLifecycle(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(LifecycleOptions.Section).Get<LifecycleOptions>() ?? new LifecycleOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddMetrics();
        services.AddSingleton<LifecycleMetrics>();
        services.AddSingleton<NodeGates>();
        services.AddSingleton<MeetingLocks>();
        services.AddSingleton<LifecycleEngine>();
        services.AddSingleton<LifecycleRunner>();
        services.AddSingleton<LifecycleScheduler>();
        services.AddSingleton<MeetingSaveInterceptor>();
        services.AddSingleton<LifecycleReconciler>();
        services.AddScoped<RunningEdits>();
        services.ConfigureDbContext<SqliteConveneDb>((sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingSaveInterceptor>()));
        services.ConfigureDbContext<PostgresConveneDb>((sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingSaveInterceptor>()));
        // After the migrator (registered by AddData): reconcile and sync before Quartz starts firing.
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleReconciler>());
        services.AddHostedService(sp => sp.GetRequiredService<LifecycleScheduler>());
        if (!options.SchedulerEnabled)
        {
            return builder;
        }
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;
                s.GenerateInstanceId = true;
                // A storm of meetings opening together is acquired in batches, not one trigger per store round trip.
                s.MaxBatchSize = options.MaxConcurrency;
            });
            q.UseDefaultThreadPool(options.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = QuartzSchema.Prefix;
                    s.MisfireThreshold = options.MisfireThreshold;
                });
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString!);
                    store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                }
                else
                {
                    store.UseSqlite(string.IsNullOrWhiteSpace(database.ConnectionString) ? "Data Source=convene.db" : database.ConnectionString);
                }
            });
            q.AddJob<TransitionJob>(j => j.WithIdentity(TransitionJob.Key).StoreDurably().RequestRecovery());
            Periodic<SyncJob>(q, SyncJob.Key, options.SyncInterval);
            Periodic<ReconcileJob>(q, ReconcileJob.Key, options.ReconcileInterval);
            Periodic<FailoverJob>(q, FailoverJob.Key, options.FailoverCheckInterval);
        });
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>A job that repeats every <paramref name="interval"/>, once per cluster; more periodic work (the status
    /// poller, the drift check) can be added the same way.</summary>
    public static void Periodic<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval) where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
        q.AddTrigger(t => t.WithIdentity(key.Name, key.Group).ForJob(key).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
