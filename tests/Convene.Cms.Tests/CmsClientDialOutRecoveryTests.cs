using Convene.Cms.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>A dial-out POST is never repeated; when its answer is lost, the leg is found by ownerId.</summary>
public sealed class CmsClientDialOutRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private static readonly CmsClientOptions Options = new() { RequestTimeout = RequestTimeout, RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task DialOut_AnswerLostAfterTheBridgeDialled_ReturnsTheLegFoundByOwnerId()
    {
        var simulatorTime = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, simulatorTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, Options, clientTime);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lost answer"), cancellationToken: Ct);
        var node = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(node, new NodeFaults { LoseNextAnswer = true });

        var dialling = client.DialOutAsync(callId, new DialOut("desk.ex90@tkratzke.local"), Ct);
        // The client gives up only once the bridge has dialled (the fault holds the answer forever).
        var observer = cluster.Client(0);
        while (await observer.ListCallLegsAsync(callId, cancellationToken: Ct).CountAsync(Ct) == 0)
        {
            await Task.Delay(10, Ct);
        }
        clientTime.Advance(RequestTimeout);
        var legId = await dialling;

        var leg = await client.GetCallLegAsync(legId, Ct);
        Assert.Equal("desk.ex90@tkratzke.local", leg.RemoteParty);
        var requests = await cluster.RequestsAsync();
        Assert.Single(requests, r => r == $"POST /api/v1/calls/{callId}/callLegs");
        Assert.Single(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task DialOut_TimedOutBeforeTheBridgeActed_ThrowsTimeoutAndDialsNobody()
    {
        var simulatorTime = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, simulatorTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, Options, clientTime);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Never dialled"), cancellationToken: Ct);
        var node = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(node, new NodeFaults { Latency = TimeSpan.FromMinutes(1) });

        var before = (await cluster.RequestsAsync()).Length;
        var dialling = client.DialOutAsync(callId, new DialOut("desk.ex90@tkratzke.local"), Ct);
        // The POST and then the look-ups by ownerId each meet the stalled node and time out.
        for (var seen = before + 1; await cluster.WaitForRequestsAsync(seen, until: dialling); seen++)
        {
            clientTime.Advance(RequestTimeout);
        }
        var error = await Assert.ThrowsAsync<CmsApiException>(() => dialling);

        cluster.Host.SetFaults(node, new NodeFaults());
        Assert.Equal(CmsErrorKind.Timeout, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Empty(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Single(await cluster.RequestsAsync(), r => r == $"POST /api/v1/calls/{callId}/callLegs");
    }
}
