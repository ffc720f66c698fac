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

    /// <summary>Answers each GET with the XML its path (without the query) maps to, as a bridge would; any
    /// other path gets 404 with <c>&lt;failureDetails&gt;&lt;unrecognisedObject/&gt;</c>. Records every request.</summary>
    public static Task<CannedServer> RoutesAsync(IReadOnlyDictionary<string, string> answers, List<CannedRequest>? requests = null) => StartAsync(async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (requests ?? [])
        {
            requests?.Add(new CannedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
        }
        if (answers.TryGetValue(context.Request.Method + " " + context.Request.Path, out var created))
        {
            context.Response.Headers.Location = created;
            return;
        }
        context.Response.ContentType = "text/xml";
        if (context.Request.Method != "GET" || !answers.TryGetValue(context.Request.Path.Value!, out var xml))
        {
            context.Response.StatusCode = context.Request.Method == "GET" ? 404 : 200;
            xml = context.Request.Method == "GET" ? "<failureDetails><unrecognisedObject/></failureDetails>" : "";
        }
        await context.Response.WriteAsync(xml, context.RequestAborted);
    });

    public CmsClient Client(CmsClientOptions? options = null) =>
        new(new CmsEndpoint(Address, "admin", "s3cret-Pa55", name: "canned"), options ?? new CmsClientOptions { MaxRetries = 0 });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request a <see cref="CannedServer"/> received: method, path with query, form body.</summary>
public sealed record CannedRequest(string Method, string Target, string Body);
