using System.Net;
using System.Threading.Channels;
using Convene.Cms.Simulator.Control;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Convene.Cms.Simulator;

public static class CmsSimulatorExtensions
{
    /// <summary>
    /// Registers a simulated CMS cluster, configured from the <c>CmsSimulator</c> section. Its nodes
    /// start with the host, each on its own loopback port, and stop with it.
    /// </summary>
    public static IHostApplicationBuilder AddCmsSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CmsSimulatorOptions>()
            .BindConfiguration(CmsSimulatorOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.ListenAddress, out var address) && IPAddress.IsLoopback(address),
                "CmsSimulator:ListenAddress must be a loopback address such as 127.0.0.1: the simulator never listens beyond this machine.")
            .Validate(o => o.BasePort == 0 || o.BasePort + o.Nodes - 1 <= 65535,
                "CmsSimulator:BasePort leaves no room for one port per node below 65536.")
            .Validate(o => o.StartupFaults.Values.All(f => f.BusyShare is >= 0 and <= 1),
                "CmsSimulator:StartupFaults BusyShare must be between 0 and 1.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConsoleTraceWriter>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<CmsSimulatorOptions>>().Value;
            ChannelWriter<string>? console = options.TraceToConsole ? services.GetRequiredService<ConsoleTraceWriter>().Writer : null;
            return new SimCluster(options, services.GetRequiredService<TimeProvider>(), console);
        });
        builder.Services.AddHostedService(services => services.GetRequiredService<ConsoleTraceWriter>());
        builder.Services.AddHostedService<SimClusterService>();
        return builder;
    }

    /// <summary>Maps the simulator's own endpoints: the control API under <c>/sim</c> (faults, dial-in,
    /// trace) and the read-only pages at <c>/</c> and <c>/nodes/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapCmsSimulator(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapControlApi();
        endpoints.MapNodePages();
        return endpoints;
    }
}

internal sealed class SimClusterService(SimCluster cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => cluster.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync().ConfigureAwait(false);
}
