namespace Convene.Status;

public static class StatusExtensions
{
    public static IHostApplicationBuilder AddStatus(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.Section)
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.Retention > TimeSpan.Zero && o.PoolWarningShare is > 0 and <= 1 && o.PoolLookahead > TimeSpan.Zero,
                "Convene:Status: Interval must be at least 1 s, Retention and PoolLookahead positive, PoolWarningShare in (0, 1].")
            .ValidateOnStart();
        builder.Services.AddScoped<StatusCheck>();
        // Polled by StatusJob, once per cluster (LifecycleExtensions), and by the refresh endpoint.
        builder.Services.AddSingleton<StatusPoller>();
        return builder;
    }
}
