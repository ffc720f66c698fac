using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Cdr;

public sealed class CdrTests
{
    [Fact]
    public async Task Cdr_CallWithDialOut_SendsStartUpdateEndRecordsInOrder()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}", "/api/v1/system/cdrReceivers/");
        Assert.Equal(0, (await http.StatusAsync()).Number("cdrCorrelatorIndex"));
        var space = await http.CreateSpaceAsync("room");

        var call = await http.CreateCallAsync(space);
        var correlator = (await http.GetAsync($"/api/v1/calls/{call}")).Value("callCorrelator");
        var leg = await http.DialOutAsync(call, "desk@example.com");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(10));
        await http.DeleteAsync($"/api/v1/callLegs/{leg}");
        await http.DeleteAsync($"/api/v1/calls/{call}");

        var records = await receiver.RecordsAsync(6);
        Assert.Equal(["callStart", "callLegStart", "callLegUpdate", "callLegUpdate", "callLegEnd", "callEnd"], records.Select(r => r.Record.Attribute("type")?.Value));
        Assert.All(records, r =>
        {
            Assert.Equal("records", r.Batch.Name.LocalName);
            Assert.Equal(host.Nodes[0].CallBridgeId, r.Batch.Attribute("callBridge")?.Value);
            Assert.False(string.IsNullOrEmpty(r.Batch.Attribute("session")?.Value));
        });
        var indexes = records.Select(r => long.Parse(r.Record.Attribute("recordIndex")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(indexes.Order(), indexes);
        Assert.Equal(6, indexes.Distinct().Count());
        var start = records[0].Record.Element("call")!;
        Assert.Equal(call, start.Attribute("id")?.Value);
        Assert.Equal(space, start.Value("coSpace"));
        Assert.Equal(correlator, start.Value("callCorrelator"));
        Assert.Equal("coSpace", start.Value("callType"));
        Assert.Equal(leg, records[1].Record.Element("callLeg")?.Attribute("id")?.Value);
        Assert.Equal("outgoing", records[1].Record.Element("callLeg")?.Value("direction"));
        Assert.Equal("ringing", records[2].Record.Element("callLeg")?.Value("state"));
        Assert.Equal("connected", records[3].Record.Element("callLeg")?.Value("state"));
        Assert.Equal(10, records[4].Record.Element("callLeg")!.Number("durationSeconds"));
        var end = records[5].Record.Element("call")!;
        Assert.Equal(1, end.Number("callLegsCompleted"));
        Assert.Equal(1, end.Number("callLegsMaxActive"));
        Assert.Equal(6, (await http.StatusAsync()).Number("cdrCorrelatorIndex"));
    }

    [Fact]
    public async Task Cdr_UnreachableDialOut_EndsLegWithUnknownDestination()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        await http.DialOutAsync(call, "unreachable@example.com");
        time.Advance(TimeSpan.FromSeconds(1));

        var records = await receiver.RecordsAsync(3);
        Assert.Equal(["callStart", "callLegStart", "callLegEnd"], records.Select(r => r.Record.Attribute("type")?.Value));
        Assert.Equal("unknownDestination", records[2].Record.Element("callLeg")?.Value("reason"));
    }

    [Fact]
    public async Task Cdr_DialInsOnTwoNodes_EachNodeSendsItsOwnRecordsWithTheSharedCorrelator()
    {
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        using var control = host.Control();
        var uri = $"uri={Uri.EscapeDataString(receiver.Url.ToString())}";
        await first.CreateAsync("/api/v1/system/cdrReceivers", uri);
        await first.CreateSpaceAsync("room");

        using (var one = await control.DialInAsync("CallBridge-Core1", new { uri = "room" }))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        }
        var fromFirst = await receiver.RecordsAsync(3);
        await second.CreateAsync("/api/v1/system/cdrReceivers", uri);
        using (var two = await control.DialInAsync("CallBridge-Core2", new { uri = "room" }))
        {
            Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        }
        // The second node's instance is joined to the first by a distribution link, a leg on each node.
        var later = await receiver.RecordsAsync(5);
        var fromSecond = later.Where(r => r.Batch.Attribute("callBridge")?.Value == host.Nodes[1].CallBridgeId).ToList();
        var linkOnFirst = Assert.Single(later, r => r.Batch.Attribute("callBridge")?.Value == host.Nodes[0].CallBridgeId);

        Assert.All(fromFirst, r => Assert.Equal(host.Nodes[0].CallBridgeId, r.Batch.Attribute("callBridge")?.Value));
        Assert.Equal(["callStart", "callLegStart", "callLegStart", "callLegUpdate"], fromSecond.Select(r => r.Record.Attribute("type")?.Value));
        Assert.Equal(fromFirst[0].Record.Element("call")?.Value("callCorrelator"), fromSecond[0].Record.Element("call")?.Value("callCorrelator"));
        Assert.Equal("distributionLink", fromSecond[1].Record.Element("callLeg")?.Value("subType"));
        Assert.Equal("incoming", fromSecond[2].Record.Element("callLeg")?.Value("direction"));
        Assert.Null(fromSecond[2].Record.Element("callLeg")?.Element("subType"));
        Assert.Equal("distributionLink", linkOnFirst.Record.Element("callLeg")?.Value("subType"));
    }

    [Fact]
    public async Task Cdr_ReceiverDown_RaisesCdrConnectionFailureAlarm()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString($"http://127.0.0.1:{ClosedPort()}/cdr")}");

        await http.CreateAsync("/api/v1/calls", "name=adhoc");

        var alarm = await EventuallyAsync(async () =>
            (await http.GetAsync("/api/v1/system/alarms")).Elements("alarm").FirstOrDefault(a => a.Value("type") == "cdrConnectionFailure"));
        Assert.Equal("connectFailure", alarm.Value("failureReason"));
        using var other = host.Api(1);
        Assert.Equal(0, (await other.GetAsync("/api/v1/system/alarms")).Total());
    }

    [Fact]
    public async Task Cdr_ReceiverRecovers_RetriesOnTheClockAndClearsTheAlarm()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        receiver.Failing = true;
        await using var host = await StartAsync(time);
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        await http.CreateAsync("/api/v1/calls", "name=adhoc");
        await EventuallyAsync(async () => (await http.GetAsync("/api/v1/system/alarms")).Total() == 1 ? "raised" : null);

        receiver.Failing = false;
        var delivered = receiver.RecordsAsync(1);
        await EventuallyAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            return Task.FromResult(delivered.IsCompleted ? "delivered" : null);
        });

        Assert.Equal("callStart", (await delivered)[0].Record.Attribute("type")?.Value);
        await EventuallyAsync(async () => (await http.GetAsync("/api/v1/system/alarms")).Total() == 0 ? "cleared" : null);
    }

    [Fact]
    public async Task Cdr_RecordIndexAndCorrelatorIndex_AreSeparateCounters()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        using var control = host.Control();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        await http.CreateAsync("/api/v1/calls", "name=first");
        var first = (await receiver.RecordsAsync(1))[0];

        // A restart opens a new session: recordIndex starts again, the correlator index goes on.
        (await control.PostAsync("sim/nodes/CallBridge-Core1/down", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await control.PostAsync("sim/nodes/CallBridge-Core1/up", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await http.CreateAsync("/api/v1/calls", "name=second");
        var second = (await receiver.RecordsAsync(1))[0];

        Assert.Equal(("1", "0"), (first.Record.Attribute("recordIndex")?.Value, first.Record.Attribute("correlatorIndex")?.Value));
        Assert.Equal(("1", "1"), (second.Record.Attribute("recordIndex")?.Value, second.Record.Attribute("correlatorIndex")?.Value));
        Assert.NotEqual(first.Batch.Attribute("session")?.Value, second.Batch.Attribute("session")?.Value);
        Assert.Equal(2, (await http.StatusAsync()).Number("cdrCorrelatorIndex"));
    }

    [Fact]
    public async Task Cdr_CallOfAScheduledSpace_CarriesOwnerNameCdrTagAndLegGroupId()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await StartAsync(time);
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room", "cdrTag=cost-centre-7&meetingScheduler=alice"));

        var participant = await http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=desk@example.com", "/api/v1/participants/");

        var records = await receiver.RecordsAsync(2);
        var start = records[0].Record.Element("call")!;
        Assert.Equal("alice", start.Value("ownerName"));
        Assert.Equal("cost-centre-7", start.Value("cdrTag"));
        var legStart = records[1].Record.Element("callLeg")!;
        Assert.Equal(participant, legStart.Value("groupId"));
        Assert.False(string.IsNullOrEmpty(legStart.Value("sipCallId")));
    }

    [Fact]
    public async Task Cdr_ImpairedLegEnds_WithActivatedDurationMediaSummaryAndAlarms()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await Sim.StartAsync(time, o =>
        {
            o.RingAfter = TimeSpan.FromSeconds(1);
            o.AnswerAfter = TimeSpan.FromSeconds(1);
            o.Impairments["lossy*"] = new LegImpairment { PacketLossPercentage = 5, JitterMilliseconds = 10, RoundTripTimeMilliseconds = 600 };
        });
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));
        var lossy = await http.DialOutAsync(call, "lossy@example.com", "rxVideoMute=true");
        var clean = await http.DialOutAsync(call, "clean@example.com");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(20));

        await http.DeleteAsync($"/api/v1/callLegs/{lossy}");
        await http.DeleteAsync($"/api/v1/callLegs/{clean}");

        var ends = (await receiver.RecordsAsync(9)).Where(r => r.Record.Attribute("type")?.Value == "callLegEnd")
            .Select(r => r.Record.Element("callLeg")!).ToDictionary(l => l.Attribute("id")!.Value);
        var end = ends[lossy];
        Assert.Equal("localTeardown", end.Value("reason"));
        Assert.Equal("false", end.Value("remoteTeardown"));
        Assert.Equal(20, end.Number("durationSeconds"));
        Assert.Equal(20, end.Number("activatedDuration"));
        Assert.Equal("100.0", end.Element("mediaUsagePercentages")?.Value("mainVideoViewer"));
        Assert.Equal("0.0", end.Element("mediaUsagePercentages")?.Value("mainVideoContributor"));
        Assert.Equal(["packetLoss", "highRoundTripTime"], end.Elements("alarm").Select(a => a.Attribute("type")?.Value));
        Assert.All(end.Elements("alarm"), a => Assert.Equal("100.0", a.Attribute("durationPercentage")?.Value));
        Assert.Equal("opus", end.Element("rxAudio")?.Value("codec"));
        Assert.Equal("h264", end.Element("txVideo")?.Value("codec"));
        Assert.Empty(ends[clean].Elements("alarm"));
    }

    private static Task<CmsSimulatorHost> StartAsync(FakeTimeProvider time) => Sim.StartAsync(time, o =>
    {
        o.RingAfter = TimeSpan.FromSeconds(1);
        o.AnswerAfter = TimeSpan.FromSeconds(1);
    });

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Asks again until the answer is there: for what the CDR sender does on its own task.</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Sim.Wait);
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Yield();
        }
    }
}
