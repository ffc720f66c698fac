namespace Convene.Demo;

public static class DemoExtensions
{
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.SimulatedCluster)}"))
        {
            builder.Services.AddSingleton<DemoCluster>();
            builder.Services.AddHostedService(services => services.GetRequiredService<DemoCluster>());
        }
        return builder;
    }
}
