using Convene.Cms.Cdr;
using Convene.Cms.Simulator;
using Convene.Cms.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Cdr;

/// <summary>The parser against the simulator's rich CDRs, received over loopback as a receiver would:
/// <c>callLegUpdate</c> for lobby changes, <c>callLegEnd</c> with <c>activatedDuration</c>, media summaries
/// and alarms of an impaired far end, and <c>recordIndex</c> and <c>correlatorIndex</c> as two counters.</summary>
public sealed class CmsCdrRichSimulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Lobby_GuestWaitsThenHostJoins_UpdatesForDeactivatedAndActivatedDurationAtTheEnd()
    {
        var time = new FakeTimeProvider();
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        var guests = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Guests", NeedsActivation = true }, Ct);
        await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "board", CallLegProfile = guests }, Ct);

        var guest = await cluster.JoinAsync("board", caller: "guest@partner.example.com");
        time.Advance(TimeSpan.FromSeconds(20));
        var host = await cluster.JoinAsync("board", caller: "host@example.com", passcode: null, index: 0);
        await client.UpdateCallLegAsync(host.CallLeg!, new CallLegChanges { NeedsActivation = false }, Ct);
        time.Advance(TimeSpan.FromSeconds(30));
        await client.DeleteCallLegAsync(guest.CallLeg!, Ct);

        var end = await cdrs.WaitForAsync<CmsCdrCallLegEnd>(e => e.CallLegId == guest.CallLeg);
        var updates = cdrs.Records.OfType<CmsCdrCallLegUpdate>().Where(u => u.CallLegId == guest.CallLeg).ToList();
        Assert.Equal(true, updates.First(u => u.Deactivated is not null).Deactivated);
        Assert.Equal(false, updates.Last().Deactivated);
        Assert.Equal(50, end.DurationSeconds);
        Assert.True(end.ActivatedDuration is > 0 and < 50, $"activatedDuration {end.ActivatedDuration}");
        Assert.Equal(guest.Participant, cdrs.Records.OfType<CmsCdrCallLegStart>().Single(l => l.CallLegId == guest.CallLeg).GroupId);
    }

    [Fact(Timeout = 60_000)]
    public async Task CallLegEnd_ImpairedFarEnd_AlarmsAndMediaSummaries()
    {
        var time = new FakeTimeProvider();
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            SimulatorSeed.Timing(o);
            o.Impairments["room4@example.com"] = new LegImpairment { PacketLossPercentage = 3, JitterMilliseconds = 60 };
        }, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var impaired = await client.DialOutAsync(callId, new DialOut("room4@example.com"), Ct);
        var clean = await client.DialOutAsync(callId, new DialOut("room5@example.com"), Ct);
        SimulatorSeed.Answer(time);
        time.Advance(TimeSpan.FromSeconds(10));
        await client.DeleteCallLegAsync(impaired, Ct);
        await client.DeleteCallLegAsync(clean, Ct);

        var bad = await cdrs.WaitForAsync<CmsCdrCallLegEnd>(e => e.CallLegId == impaired);
        var good = await cdrs.WaitForAsync<CmsCdrCallLegEnd>(e => e.CallLegId == clean);
        Assert.Equal(["excessiveJitter", "packetLoss"], bad.Alarms.Select(a => a.Type!).Order());
        Assert.All(bad.Alarms, a => Assert.Equal(100.0, a.DurationPercentage));
        Assert.Empty(good.Alarms);
        Assert.Equal(10, bad.DurationSeconds);
        Assert.NotNull(bad.RxAudio?.Codec);
        Assert.NotNull(bad.TxVideo?.Codec);
        Assert.Equal(100.0, bad.MediaUsagePercentages?.MainVideoViewer);
        Assert.Equal(true, bad.EncryptedMedia);
    }

    [Fact(Timeout = 60_000)]
    public async Task Indexes_NodeRestarts_RecordIndexStartsAgainCorrelatorIndexGoesOn()
    {
        var time = new FakeTimeProvider();
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        var space = await cluster.CreateSpaceAsync("Board");

        var first = await client.CreateCallAsync(space, cancellationToken: Ct);
        await client.DeleteCallAsync(first, Ct);
        var firstEnd = await cdrs.WaitForAsync<CmsCdrCallEnd>(e => e.CallId == first);
        var firstSession = cdrs.Batches[0].Session;
        await cluster.Host.TakeDownAsync(cluster.Host.Nodes[0].Name);
        await cluster.Host.BringUpAsync(cluster.Host.Nodes[0].Name);
        var second = await client.CreateCallAsync(space, cancellationToken: Ct);
        var secondStart = await cdrs.WaitForAsync<CmsCdrCallStart>(s => s.CallId == second);
        var status = await client.GetSystemStatusAsync(Ct);

        Assert.Equal((1L, 0L), (cdrs.Records[0].RecordIndex, cdrs.Records[0].CorrelatorIndex));
        Assert.Equal((2L, 1L), (firstEnd.RecordIndex, firstEnd.CorrelatorIndex));
        Assert.Equal((1L, 2L), (secondStart.RecordIndex, secondStart.CorrelatorIndex));
        Assert.NotEqual(firstSession, cdrs.Batches[^1].Session);
        Assert.Equal(3, status.CdrCorrelatorIndex);
    }

    [Fact(Timeout = 60_000)]
    public async Task Recording_StartedStoppedAndCallEnded_RecordingAndStreamingRecordsPaired()
    {
        var time = new FakeTimeProvider();
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        var space = await cluster.CreateSpaceAsync("Board", "streamUrl=" + Uri.EscapeDataString("rtmp://streams.example.com/live/board"));
        var callId = await client.CreateCallAsync(space, cancellationToken: Ct);

        await client.UpdateCallAsync(callId, new CallChanges { Recording = true, Streaming = true }, Ct);
        await client.UpdateCallAsync(callId, new CallChanges { Recording = false }, Ct);
        await client.DeleteCallAsync(callId, Ct);

        await cdrs.WaitForAsync<CmsCdrCallEnd>(e => e.CallId == callId);
        var types = cdrs.Records.Select(r => r.Type).ToList();
        Assert.Equal(["callStart", "recordingStart", "streamingStart", "recordingEnd", "streamingEnd", "callEnd"], types);
        var recording = cdrs.Records.OfType<CmsCdrRecordingStart>().Single();
        var streaming = cdrs.Records.OfType<CmsCdrStreamingStart>().Single();
        Assert.Equal(callId, recording.Call);
        Assert.False(string.IsNullOrWhiteSpace(recording.Path));
        Assert.Equal(recording.RecordingId, cdrs.Records.OfType<CmsCdrRecordingEnd>().Single().RecordingId);
        Assert.Equal((callId, "rtmp://streams.example.com/live/board"), (streaming.Call, streaming.StreamUrl));
        Assert.Equal(streaming.StreamingId, cdrs.Records.OfType<CmsCdrStreamingEnd>().Single().StreamingId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Recording_NoRecorderAnswers_NoRecordingRecords()
    {
        await using var cdrs = await CdrCollector.StartAsync();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.RecordersAvailable = false);
        var client = cluster.Client();
        await client.CreateCdrReceiverAsync(cdrs.Address, Ct);
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        await client.UpdateCallAsync(callId, new CallChanges { Recording = true }, Ct);
        await client.DeleteCallAsync(callId, Ct);

        await cdrs.WaitForAsync<CmsCdrCallEnd>(e => e.CallId == callId);
        Assert.Equal(["callStart", "callEnd"], cdrs.Records.Select(r => r.Type));
    }
}
