using System.Threading.Channels;
using Convene.Cms.Cdr;
using Convene.Cms.Tests.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Cdr;

/// <summary>The parser as a CDR receiver runs it, against the batches the simulator POSTs over loopback
/// (the simulator writes its CDRs with its own code, sharing nothing with the parser).</summary>
public sealed class CmsCdrParserSimulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task ParseAsync_SimulatorBatchesForADialOut_TypedRecordsInOrder()
    {
        var batches = Channel.CreateUnbounded<CmsCdrBatch>();
        await using var receiver = await CannedServer.StartAsync(async context =>
        {
            var batch = await CmsCdrParser.Default.ParseAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
            await batches.Writer.WriteAsync(batch, context.RequestAborted);
        });
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(new Uri(receiver.Address, "/cdr"), Ct);
        var space = await cluster.CreateSpaceAsync("Board");
        var callId = await client.CreateCallAsync(space, cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("room4@example.com"), Ct);
        SimulatorSeed.Answer(time);
        time.Advance(TimeSpan.FromSeconds(10));
        await client.DeleteCallLegAsync(legId, Ct);
        await client.DeleteCallAsync(callId, Ct);

        var received = await ReceiveAsync(batches.Reader, 6);
        var records = received.SelectMany(b => b.Records).ToList();
        Assert.All(received, b => Assert.Empty(b.Malformed));
        Assert.All(received, b => Assert.Equal(cluster.Host.Nodes[0].CallBridgeId, b.CallBridge));
        Assert.Single(received.Select(b => b.Session).Distinct());
        Assert.Equal(records.Select(r => r.RecordIndex).Order(), records.Select(r => r.RecordIndex));
        var start = Assert.IsType<CmsCdrCallStart>(records[0]);
        Assert.Equal(callId, start.CallId);
        Assert.Equal(space, start.CoSpace);
        Assert.Equal("coSpace", start.CallType);
        var legStart = Assert.IsType<CmsCdrCallLegStart>(records[1]);
        Assert.Equal(legId, legStart.CallLegId);
        Assert.Equal(CallLegDirection.Outgoing, legStart.Direction);
        var ringing = Assert.IsType<CmsCdrCallLegUpdate>(records[2]);
        Assert.Equal(CallLegState.Ringing, ringing.State);
        var update = Assert.IsType<CmsCdrCallLegUpdate>(records[3]);
        Assert.Equal(CallLegState.Connected, update.State);
        Assert.Equal(callId, update.Call);
        var legEnd = Assert.IsType<CmsCdrCallLegEnd>(records[4]);
        Assert.Equal(legId, legEnd.CallLegId);
        Assert.Equal(10, legEnd.DurationSeconds);
        var end = Assert.IsType<CmsCdrCallEnd>(records[5]);
        Assert.Equal(callId, end.CallId);
        Assert.Equal(1, end.CallLegsCompleted);
    }

    private static async Task<List<CmsCdrBatch>> ReceiveAsync(ChannelReader<CmsCdrBatch> reader, int records)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var batches = new List<CmsCdrBatch>();
        while (batches.Sum(b => b.Records.Count + b.Malformed.Count) < records)
        {
            batches.Add(await reader.ReadAsync(timeout.Token));
        }
        return batches;
    }
}
