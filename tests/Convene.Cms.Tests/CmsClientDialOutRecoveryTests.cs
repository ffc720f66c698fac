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
        var simulatorTime = new ObservedTimeProvider(new FakeTimeProvider());
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, simulatorTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, Options, clientTime);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Lost answer"), cancellationToken: Ct);
        var node = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(node, new NodeFaults { AnswerLatency = TimeSpan.FromHours(1) });

        var dialling = client.DialOutAsync(callId, new DialOut("desk.ex90@tkratzke.local"), Ct);
        // The bridge has dialled and holds its answer: the client gives up on it, and its look-up is answered at once.
        await simulatorTime.WaitForTimerOfAsync(TimeSpan.FromHours(1));
        cluster.Host.SetFaults(node, new NodeFaults());
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
        var simulatorTime = new ObservedTimeProvider(new FakeTimeProvider());
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, simulatorTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = RequestTimeout, RetryDelay = TimeSpan.Zero, MaxRetries = 0 }, clientTime);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Never dialled"), cancellationToken: Ct);
        var node = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(node, new NodeFaults { Latency = TimeSpan.FromMinutes(1) });

        var dialling = client.DialOutAsync(callId, new DialOut("desk.ex90@tkratzke.local"), Ct);
        // The POST, then the look-up by ownerId (not retried here), each held by the stalled node until the client gives up.
        await simulatorTime.WaitForTimerOfAsync(TimeSpan.FromMinutes(1));
        clientTime.Advance(RequestTimeout);
        await simulatorTime.WaitForTimerOfAsync(TimeSpan.FromMinutes(1));
        clientTime.Advance(RequestTimeout);
        var error = await Assert.ThrowsAsync<CmsApiException>(() => dialling);

        cluster.Host.SetFaults(node, new NodeFaults());
        Assert.Equal(CmsErrorKind.Timeout, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Empty(await client.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Single(await cluster.RequestsAsync(), r => r == $"POST /api/v1/calls/{callId}/callLegs");
    }
}
