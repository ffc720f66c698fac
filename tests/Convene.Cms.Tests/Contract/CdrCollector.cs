using System.Threading.Channels;
using Convene.Cms.Cdr;
using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests.Contract;

/// <summary>A CDR receiver on loopback that parses every batch the simulator POSTs with
/// <see cref="CmsCdrParser"/>, as a Convene receiver would, and hands the records over in order.</summary>
public sealed class CdrCollector : IAsyncDisposable
{
    private readonly Channel<CmsCdrBatch> _batches = Channel.CreateUnbounded<CmsCdrBatch>();
    private readonly CannedServer _server;

    private CdrCollector(CannedServer server) => _server = server;

    public Uri Address => new(_server.Address, "/cdr");

    /// <summary>Every record received so far, in order.</summary>
    public List<CmsCdrRecord> Records { get; } = [];

    /// <summary>Every batch received so far.</summary>
    public List<CmsCdrBatch> Batches { get; } = [];

    public static async Task<CdrCollector> StartAsync()
    {
        CdrCollector? collector = null;
        var server = await CannedServer.StartAsync(async context =>
        {
            var batch = await CmsCdrParser.Default.ParseAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
            await collector!._batches.Writer.WriteAsync(batch, context.RequestAborted);
        });
        collector = new CdrCollector(server);
        return collector;
    }

    /// <summary>Receives batches until a record satisfies <paramref name="done"/> (20 s bound); returns it.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? done = null) where T : CmsCdrRecord
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (Records.OfType<T>().FirstOrDefault(r => done?.Invoke(r) ?? true) is { } found)
            {
                return found;
            }
            var batch = await _batches.Reader.ReadAsync(timeout.Token);
            Assert.Empty(batch.Malformed);
            Batches.Add(batch);
            Records.AddRange(batch.Records);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
