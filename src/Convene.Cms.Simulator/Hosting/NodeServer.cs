using System.Net;
using Convene.Cms.Simulator.Protocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Convene.Cms.Simulator;

/// <summary>A node's own HTTP(S) listener. Stopping it closes the socket, so clients see connections
/// refused, as with a Call Bridge that is down.</summary>
internal sealed class NodeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeServer(WebApplication app) => _app = app;

    public static async Task<NodeServer> StartAsync(SimNode node, CancellationToken cancellationToken)
    {
        var cluster = node.Cluster;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = CmsApiHandler.MaxBodyBytes;
            kestrel.Listen(IPAddress.Parse(cluster.Options.ListenAddress), node.Port, listen =>
            {
                if (cluster.Options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        var handler = new CmsApiHandler(node);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node.Port = new Uri(address).Port;
        return new NodeServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
