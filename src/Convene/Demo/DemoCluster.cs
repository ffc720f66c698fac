using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Demo;

public sealed class DemoOptions
{
    public const string Section = "Convene:Demo";

    /// <summary>Run a simulated CMS cluster in-process and add it as a bridge, so Convene can be tried with no CMS.</summary>
    public bool SimulatedCluster { get; set; }

    public int Nodes { get; set; } = 2;
}

public static class DemoExtensions
{
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.SimulatedCluster)}"))
        {
            builder.Services.AddHostedService<DemoCluster>();
        }
        return builder;
    }
}

/// <summary>Starts a simulated cluster on loopback and adds it (once) as a bridge with a small placeholder range.</summary>
internal sealed class DemoCluster(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<DemoOptions> options, ILogger<DemoCluster> logger) : BackgroundService
{
    private CmsSimulatorHost? _simulator;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _simulator = await StartSimulatorAsync(9441, stoppingToken);
        }
        catch (IOException)
        {
            // 9441 and up are taken (another demo?): any free ports will do.
            _simulator = await StartSimulatorAsync(0, stoppingToken);
        }
        var seed = _simulator.Nodes[0];
        Log.DemoCluster(logger, _simulator.ControlUrl, seed.ApiUrl);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        if (await db.Bridges.AnyAsync(stoppingToken))
        {
            return;
        }
        var bridge = await scope.ServiceProvider.GetRequiredService<BridgeOnboarding>()
            .AddAsync(new AddBridge(seed.ApiUrl.ToString().TrimEnd('/'), seed.Username, seed.Password), stoppingToken);
        await scope.ServiceProvider.GetRequiredService<BridgeSettingsEditor>().UpdateAsync(bridge.Id,
            new BridgeSettings("Simulated CMS", "video.example.invalid", 1000, 50), stoppingToken);
    }

    private Task<CmsSimulatorHost> StartSimulatorAsync(int basePort, CancellationToken cancellationToken) =>
        CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = options.Value.Nodes;
            o.BasePort = basePort;
            o.Password = "demo-password";
        }, cancellationToken: cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
