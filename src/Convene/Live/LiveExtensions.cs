namespace Convene.Live;

public static class LiveExtensions
{
    /// <summary>Live state and participant control: the CDR receiver and its registration, CDR-driven participant
    /// states, the polling fallback, dial-out retries, the participant endpoints.</summary>
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CdrOptions>().BindConfiguration(CdrOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ReceiverBaseUrl is null || (o.ReceiverBaseUrl.IsAbsoluteUri && o.ReceiverBaseUrl.Scheme is "http" or "https"),
                "Convene:Cdr:ReceiverBaseUrl must be an absolute http or https URL, as the CMS nodes reach Convene.")
            .Validate(o => o.ChangeScanInterval > TimeSpan.Zero && o.RegistrationInterval > TimeSpan.Zero && o.Silence > TimeSpan.Zero && o.SeenRetention > TimeSpan.Zero,
                "Convene:Cdr: the intervals must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TickInterval > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.RetryDelay >= TimeSpan.Zero,
                "Convene:Live: TickInterval and PollInterval must be positive, RetryDelay not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveState>();
        builder.Services.AddSingleton<LiveMetrics>();
        builder.Services.AddScoped<ParticipantTracker>();
        builder.Services.AddScoped<CdrIngest>();
        builder.Services.AddScoped<CdrRegistration>();
        builder.Services.AddScoped<Dialler>();
        builder.Services.AddScoped<DialOutRetries>();
        builder.Services.AddScoped<LivePolling>();
        // Registration, pruning, retries and polling are jobs run once per cluster (LifecycleExtensions).
        builder.Services.AddHostedService<LiveJob>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapCdr();
        app.MapParticipants();
        return app;
    }
}
