using Convene.Placeholders;
using Convene.Tickets;

namespace Convene.Bridges;

public static class BridgesExtensions
{
    public static IHostApplicationBuilder AddBridges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CmsConnectionOptions>().BindConfiguration(CmsConnectionOptions.Section)
            .Validate(o => o.RequestTimeout > TimeSpan.Zero && o.MaxRetries is >= 0 and <= 10, "Convene:Cms: RequestTimeout must be positive and MaxRetries between 0 and 10.")
            .ValidateOnStart();
        builder.Services.AddOptions<PlaceholderOptions>().BindConfiguration(PlaceholderOptions.Section)
            .Validate(o => o.MaxQuantity is > 0 and <= 1_000_000 && o.SyncPollInterval > TimeSpan.Zero && o.SyncTimeout > TimeSpan.Zero,
                "Convene:Placeholders: MaxQuantity must be 1 to 1000000 and the intervals positive.")
            .Validate(o => o.DriftCheckInterval >= TimeSpan.FromSeconds(1) && o.DriftDetailsPerCheck is >= 0 and <= 100_000,
                "Convene:Placeholders: DriftCheckInterval must be at least 1 s and DriftDetailsPerCheck 0 to 100000.")
            .ValidateOnStart();
        // A body or query value that cannot be bound is thrown, so ProblemMapping names the field instead of
        // the framework answering an empty 400 (or, in Development, its own text).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<BridgeSecrets>();
        builder.Services.AddSingleton<BridgeRequestLog>();
        builder.Services.AddSingleton<BridgeConnections>();
        builder.Services.AddScoped<BridgeOnboarding>();
        builder.Services.AddScoped<BridgeSettingsEditor>();
        builder.Services.AddScoped<BridgeRemoval>();
        builder.Services.AddHostedService<BridgeRecovery>();
        builder.Services.AddScoped<TicketBook>();
        builder.Services.AddScoped<PlaceholderProvisioning>();
        builder.Services.AddSingleton<PlaceholderProvisioner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PlaceholderProvisioner>());
        builder.Services.AddSingleton<PlaceholderLocks>();
        builder.Services.AddSingleton<PlaceholderDriftCursor>();
        builder.Services.AddScoped<PlaceholderDriftCheck>();
        return builder;
    }
}
