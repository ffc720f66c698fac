using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Convene.Tests.Bridges;

/// <summary>A plain-http server on 127.0.0.1 that answers as a standalone CMS would, with the answers a
/// test gives it by path (XML written here from the API reference, not captured), and makes profiles on
/// POST. For shapes the simulator does not write, such as an unset <c>&lt;uniqueName/&gt;</c>.</summary>
public sealed class CannedCms : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedCms(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port</summary>
    public string Address { get; }

    public int Port => new Uri(Address).Port;

    /// <summary>A standalone 3.x node with no cluster id, no hostId, no call bridges and the given cluster configuration.</summary>
    public static Task<CannedCms> StandaloneAsync(string clusterXml = "<cluster><uniqueName/></cluster>", HttpStatusCode status = HttpStatusCode.OK) =>
        StartAsync(new Dictionary<string, string>
        {
            ["/api/v1/system/status"] = "<status><softwareVersion>3.9.2</softwareVersion><uptimeSeconds>10</uptimeSeconds><clusterEnabled>false</clusterEnabled></status>",
            ["/api/v1/system/configuration/cluster"] = clusterXml,
            ["/api/v1/callBridges"] = "<callBridges total=\"0\"></callBridges>",
        }, status);

    public static async Task<CannedCms> StartAsync(IReadOnlyDictionary<string, string> answers, HttpStatusCode status = HttpStatusCode.OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context =>
        {
            if (status != HttpStatusCode.OK)
            {
                context.Response.StatusCode = (int)status;
                return Task.CompletedTask;
            }
            if (HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.Headers.Location = context.Request.Path + "/" + Guid.NewGuid().ToString("D");
                return Task.CompletedTask;
            }
            if (!answers.TryGetValue(context.Request.Path, out var xml))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/xml";
            return context.Response.WriteAsync("<?xml version=\"1.0\"?>" + xml);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CannedCms(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
