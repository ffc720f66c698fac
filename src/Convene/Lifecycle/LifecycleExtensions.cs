using Convene.Data;
using Convene.Live;
using Convene.Placeholders;
using Convene.Status;
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
        var status = builder.Configuration.GetSection(StatusOptions.Section).Get<StatusOptions>() ?? new StatusOptions();
        var placeholders = builder.Configuration.GetSection(PlaceholderOptions.Section).Get<PlaceholderOptions>() ?? new PlaceholderOptions();
        var live = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        var cdr = builder.Configuration.GetSection(CdrOptions.Section).Get<CdrOptions>() ?? new CdrOptions();
        services.AddMetrics();
        services.AddSingleton<LifecycleMetrics>();
        services.AddSingleton<NodeGates>();
        services.AddSingleton<MeetingLocks>();
        // One id per process: the lease owner and, clustered, the Quartz instance id whose check-ins tell it is alive.
        var leaseOwner = MeetingLeaseLiveness.NewOwner();
        var clustered = options.SchedulerEnabled && database.Provider == DatabaseProvider.Postgres;
        services.AddSingleton(sp => new MeetingLeaseLiveness(leaseOwner, clustered, sp));
        services.AddSingleton<MeetingLeases>();
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
                s.InstanceId = leaseOwner;
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
                    store.UsePostgres(DatabaseConnection.Postgres(database));
                    store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                }
                else
                {
                    store.UseSqlite(new SqliteFactoryWithPragmas(database.SqliteSynchronous),
                        string.IsNullOrWhiteSpace(database.ConnectionString) ? "Data Source=convene.db" : database.ConnectionString);
                }
            });
            q.AddJob<TransitionJob>(j => j.WithIdentity(TransitionJob.Key).StoreDurably().RequestRecovery());
            Periodic<SyncJob>(q, SyncJob.Key, options.SyncInterval);
            Periodic<ReconcileJob>(q, ReconcileJob.Key, options.ReconcileInterval);
            Periodic<FailoverJob>(q, FailoverJob.Key, options.FailoverCheckInterval);
            Periodic<StatusJob>(q, StatusJob.Key, status.Interval);
            Periodic<PlaceholderDriftJob>(q, PlaceholderDriftJob.Key, placeholders.DriftCheckInterval);
            Periodic<CdrRegistrationJob>(q, CdrRegistrationJob.Key, cdr.ChangeScanInterval);
            Periodic<CdrPruningJob>(q, CdrPruningJob.Key, cdr.RegistrationInterval);
            Periodic<DialOutRetriesJob>(q, DialOutRetriesJob.Key, live.TickInterval);
            Periodic<LivePollingJob>(q, LivePollingJob.Key, live.PollInterval);
            Periodic<SeriesWindowJob>(q, SeriesWindowJob.Key, options.SeriesWindowInterval);
        });
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>A job that runs at start-up and then every <paramref name="interval"/>, once per cluster: each start
    /// stores the trigger again from now (Quartz replaces a stored trigger of the same key), so its first firing is at
    /// once; <typeparamref name="TJob"/> must be <see cref="DisallowConcurrentExecutionAttribute"/>, so a firing never
    /// overlaps the one before on another instance.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TJob"/> may run concurrently.</exception>
    public static void Periodic<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval) where TJob : IJob
    {
        if (!typeof(TJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: true))
        {
            throw new InvalidOperationException($"{typeof(TJob).Name} runs once per cluster only if it is [DisallowConcurrentExecution].");
        }
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
        q.AddTrigger(t => t.WithIdentity(key.Name, key.Group).ForJob(key).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
