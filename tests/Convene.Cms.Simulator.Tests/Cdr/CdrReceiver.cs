using System.Net;
using System.Threading.Channels;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Convene.Cms.Simulator.Tests.Cdr;

/// <summary>A CDR receiver on loopback, as CMM or a scheduler runs one: it collects every POSTed
/// <c>&lt;records&gt;</c> batch, or answers 500 while <see cref="Failing"/> is set.</summary>
public sealed class CdrReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<XElement> _batches = Channel.CreateUnbounded<XElement>();

    private CdrReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public bool Failing { get; set; }

    public static async Task<CdrReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CdrReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            if (receiver!.Failing)
            {
                context.Response.StatusCode = 500;
                return;
            }
            await receiver._batches.Writer.WriteAsync(XElement.Parse(body), context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new CdrReceiver(app, new Uri(new Uri(address), "/cdr"));
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> records, in the order they arrived, with the batch
    /// (<c>&lt;records&gt;</c>) each came in.</summary>
    public async Task<List<(XElement Batch, XElement Record)>> RecordsAsync(int count)
    {
        var records = new List<(XElement, XElement)>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Sim.Wait);
        while (records.Count < count)
        {
            var batch = await _batches.Reader.ReadAsync(timeout.Token);
            records.AddRange(batch.Elements("record").Select(r => (batch, r)));
        }
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
