using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Convene.Cms.Tests.Protocol;

/// <summary>A loopback HTTP server that answers every request with whatever the test hands it: the
/// bridge that misbehaves in ways the simulator never does.</summary>
public sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private CannedServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Requests the server received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<CannedServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CannedServer? server = null;
        app.Run(context =>
        {
            Interlocked.Increment(ref server!._requests);
            return handler(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new CannedServer(app, new Uri(address));
        return server;
    }

    /// <summary>Answers 200 with <paramref name="body"/> as text/xml.</summary>
    public static Task<CannedServer> XmlAsync(string body) => StartAsync(context =>
    {
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(body, context.RequestAborted);
    });

    public CmsClient Client(CmsClientOptions? options = null) =>
        new(new CmsEndpoint(Address, "admin", "s3cret-Pa55", name: "canned"), options ?? new CmsClientOptions { MaxRetries = 0 });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
