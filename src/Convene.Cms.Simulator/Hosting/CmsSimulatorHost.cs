using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Convene.Cms.Simulator;

/// <summary>
/// A simulated CMS cluster running in this process, for tests, benchmarks and demos: every node on
/// its own loopback port, and the control API (<c>/sim</c>) on another.
/// </summary>
public sealed class CmsSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CmsSimulatorHost(WebApplication app, Uri controlUrl)
    {
        _app = app;
        ControlUrl = controlUrl;
        Cluster = app.Services.GetRequiredService<SimCluster>();
    }

    /// <summary>Where the control API and the read-only pages answer.</summary>
    public Uri ControlUrl { get; }

    internal SimCluster Cluster { get; }

    /// <summary>The nodes as they are now: name, callBridge id, API URL and credentials.</summary>
    public IReadOnlyList<SimulatedNode> Nodes
    {
        get
        {
            lock (Cluster.Gate)
            {
                return Cluster.Nodes.Select(n => new SimulatedNode(n.Name, n.CallBridgeId, new Uri(n.ApiUrl), n.Username, n.Password, n.IsUp)).ToList();
            }
        }
    }

    public static async Task<CmsSimulatorHost> StartAsync(Action<CmsSimulatorOptions>? configure = null, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.AddCmsSimulator();
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }
        var app = builder.Build();
        app.MapCmsSimulator();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CmsSimulatorHost(app, new Uri(address));
    }

    public SimulatedNode Node(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The simulated cluster has no node named '{name}'.", nameof(name));

    /// <summary>Takes a node down: connections to it are refused and its calls are lost.</summary>
    public Task TakeDownAsync(string name) => Cluster.StopNodeAsync(Find(name));

    /// <summary>Brings a node back, on the same port, with no calls.</summary>
    public Task BringUpAsync(string name) => Cluster.StartNodeAsync(Find(name));

    public void SetFaults(string name, NodeFaults faults) => Find(name).Faults = faults.Clone();

    /// <summary>Completes when a bulk sync reaches a terminal status, with that status.</summary>
    public Task<string> WhenBulkSyncDone(string syncId) => Cluster.WhenBulkSyncDone(syncId);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private SimNode Find(string name) =>
        Cluster.FindNode(name) ?? throw new ArgumentException($"The simulated cluster has no node named '{name}'.", nameof(name));
}

/// <summary>One simulated Call Bridge as a client sees it.</summary>
public sealed record SimulatedNode(string Name, string CallBridgeId, Uri ApiUrl, string Username, string Password, bool IsUp);
