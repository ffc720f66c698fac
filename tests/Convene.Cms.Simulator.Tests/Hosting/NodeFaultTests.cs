using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Hosting;

public sealed class NodeFaultTests
{
    private const string Node1 = "CallBridge-Core1";
    private const string Node2 = "CallBridge-Core2";

    [Fact]
    public async Task TakeDown_Node_RefusesConnectionsWhileTheOtherServesTheSharedDatabase()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        var space = await second.CreateSpaceAsync("room");

        await host.TakeDownAsync(Node2);

        await Assert.ThrowsAsync<HttpRequestException>(() => second.SendAsync(HttpMethod.Get, "/api/v1/system/status"));
        Assert.False(host.Node(Node2).IsUp);
        Assert.Equal("room", (await first.GetAsync($"/api/v1/coSpaces/{space}")).Value("uri"));
        var database = await first.GetAsync("/api/v1/system/database");
        Assert.Equal("false", database.Element("cluster")!.Elements("node").Single(n => n.Attribute("hostname")?.Value == Node2).Attribute("up")?.Value);
    }

    [Fact]
    public async Task BringUp_Node_ComesBackOnTheSamePortWithoutCallsAndWithItsData()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var first = host.Api(0);
        using var control = host.Control();
        var space = await first.CreateSpaceAsync("room");
        using (var dialIn = await control.DialInAsync(Node2, new { uri = "room" }))
        {
            Assert.Equal(HttpStatusCode.OK, dialIn.StatusCode);
        }
        time.Advance(TimeSpan.FromMinutes(5));
        var port = host.Node(Node2).ApiUrl.Port;
        using (var second = host.Api(1))
        {
            var before = await second.StatusAsync();
            Assert.Equal(300, before.Number("uptimeSeconds"));
            Assert.Equal(1, before.Number("callLegsActive"));
        }

        await host.TakeDownAsync(Node2);
        time.Advance(TimeSpan.FromMinutes(1));
        await host.BringUpAsync(Node2);

        Assert.Equal(port, host.Node(Node2).ApiUrl.Port);
        using var again = host.Api(1);
        var status = await again.StatusAsync();
        Assert.Equal(0, status.Number("uptimeSeconds"));
        Assert.Equal(0, status.Number("callLegsActive"));
        Assert.Equal(0, status.Number("callLegsMaxActive"));
        Assert.Equal(0, (await again.GetAsync("/api/v1/calls")).Total());
        Assert.Equal("room", (await again.GetAsync($"/api/v1/coSpaces/{space}")).Value("uri"));
    }

    [Fact]
    public async Task ControlApi_DownAndUp_TogglesTheNode()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();
        using var second = host.Api(1);

        using (var down = await control.PostAsync($"sim/nodes/{Node2}/down", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => second.SendAsync(HttpMethod.Get, "/api/v1/system/status"));
        using (var up = await control.PostAsync($"sim/nodes/{Node2}/up", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        }

        await second.StatusAsync();
        using var unknown = await control.PostAsync("sim/nodes/NoSuchNode/down", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Credentials_OfAnotherNode_AreRefused401()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var wrong = new CmsHttp(host.Nodes[1], host.Nodes[0].Username, host.Nodes[0].Password);

        using var response = await wrong.SendAsync(HttpMethod.Get, "/api/v1/system/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"acano\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task BusyShareOne_AnswersEveryRequest503UntilCleared()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);

        host.SetFaults(Node1, new NodeFaults { BusyShare = 1 });

        for (var i = 0; i < 5; i++)
        {
            using var response = await first.SendAsync(HttpMethod.Get, "/api/v1/coSpaces");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        await second.StatusAsync();
        host.SetFaults(Node1, new NodeFaults());
        await first.StatusAsync();
    }

    [Fact]
    public async Task BusyShareHalf_WithRandomSeed_GivesTheSameMixEveryRun()
    {
        var first = await BusyPatternAsync(seed: 7);
        var again = await BusyPatternAsync(seed: 7);

        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.InRange(first.Count(s => s == HttpStatusCode.OK), 8, 32);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Busy_AnswersEveryRequest503()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        host.SetFaults(Node1, new NodeFaults { Busy = true });

        using var response = await http.SendAsync(HttpMethod.Post, "/api/v1/coSpaces", "name=x");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        host.SetFaults(Node1, new NodeFaults());
        Assert.Equal(0, (await http.GetAsync("/api/v1/coSpaces")).Total());
    }

    [Fact]
    public async Task Latency_OnFakeClock_HoldsTheAnswerUntilTheClockAdvances()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var first = host.Api(0);
        using var second = host.Api(1);
        using var control = host.Control();
        host.SetFaults(Node1, new NodeFaults { Latency = TimeSpan.FromSeconds(5) });

        var held = first.SendAsync(HttpMethod.Get, "/api/v1/system/status");
        await EventuallyAsync(async () => (await control.GetStringAsync($"sim/nodes/{Node1}/trace", TestContext.Current.CancellationToken))
            .Contains("GET for \"/api/v1/system/status\"", StringComparison.Ordinal));
        await second.StatusAsync();
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await second.StatusAsync();
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));

        using var response = await held.WaitAsync(Sim.Wait, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnauthorizedOnce_AnswersExactlyOne401()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        host.SetFaults(Node1, new NodeFaults { UnauthorizedOnce = true });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(HttpMethod.Get, "/api/v1/coSpaces");
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Equal("Basic realm=\"acano\"", response.Headers.WwwAuthenticate.ToString());
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task PutFaults_OverHttp_AppliesAndReadsBack()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();
        using var http = host.Api();

        using (var put = await control.PutAsJsonAsync($"sim/nodes/{Node1}/faults", new { busyShare = 1.0 }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using (var busy = await http.SendAsync(HttpMethod.Get, "/api/v1/system/status"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        }
        var read = await control.GetFromJsonAsync<FaultsAnswer>($"sim/nodes/{Node1}/faults", TestContext.Current.CancellationToken);
        Assert.Equal(1.0, read?.BusyShare);
        using (var clear = await control.PutAsJsonAsync($"sim/nodes/{Node1}/faults", new { busyShare = 0.0 }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        }
        await http.StatusAsync();
    }

    [Theory]
    [InlineData("{\"busyShare\":2}")]
    [InlineData("{\"busyShare\":-0.5}")]
    [InlineData("{\"latency\":\"-00:00:01\"}")]
    public async Task PutFaults_OutOfRange_Is400AndChangesNothing(string json)
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();
        using var http = host.Api();

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await control.PutAsync($"sim/nodes/{Node1}/faults", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await http.StatusAsync();
    }

    [Fact]
    public async Task PutFaults_OfUnknownNode_Is404()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();

        using var response = await control.PutAsJsonAsync("sim/nodes/NoSuchNode/faults", new { busy = true }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NodePage_ListsSpacesAndActiveCallLegs()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        using var control = host.Control();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("weekly.sync"));
        await http.DialOutAsync(call, "desk.ex90@tkratzke.local");

        var page = await control.GetStringAsync($"nodes/{Node1}", TestContext.Current.CancellationToken);
        var other = await control.GetStringAsync($"nodes/{Node2}", TestContext.Current.CancellationToken);

        Assert.Contains("weekly.sync", page, StringComparison.Ordinal);
        Assert.Contains("desk.ex90@tkratzke.local", page, StringComparison.Ordinal);
        Assert.Contains("weekly.sync", other, StringComparison.Ordinal);
        Assert.DoesNotContain("desk.ex90@tkratzke.local", other, StringComparison.Ordinal);
        using var missing = await control.GetAsync("nodes/NoSuchNode", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Trace_RecordsRequestsWithPasscodesMasked()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();

        await http.CreateAsync("/api/v1/coSpaces", "name=Secret room&uri=secret.room&passcode=8642");

        var trace = await control.GetStringAsync($"sim/nodes/{Node1}/trace", TestContext.Current.CancellationToken);
        Assert.Contains("POST for \"/api/v1/coSpaces\"", trace, StringComparison.Ordinal);
        Assert.Contains("passcode=*****", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("8642", trace, StringComparison.Ordinal);
        Assert.Contains("Location: /api/v1/coSpaces/", trace, StringComparison.Ordinal);
    }

    private static async Task<List<HttpStatusCode>> BusyPatternAsync(int seed)
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.RandomSeed = seed);
        using var http = host.Api();
        host.SetFaults(Node1, new NodeFaults { BusyShare = 0.5 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await http.SendAsync(HttpMethod.Get, "/api/v1/system/status");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> probe)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Sim.Wait);
        while (!await probe())
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    public sealed record FaultsAnswer(double BusyShare, bool Busy, bool UnauthorizedOnce);

    [Fact]
    public async Task Refusals_MatchingRequestsOnly_AnsweredWithTheReasonForTheGivenTimes()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        host.SetFaults(host.Nodes[0].Name, new NodeFaults
        {
            Refusals = [new RequestRefusal { Method = "POST", PathContains = "/coSpaces", Status = 500, Reason = "databaseNotReady", Times = 1 }],
        });
        using var http = new CmsHttp(host.Nodes[0]);

        var (status, failure) = await http.FailAsync(HttpMethod.Post, "/api/v1/coSpaces", "name=Refused");
        await http.GetAsync("/api/v1/coSpaces");
        var id = await http.CreateAsync("/api/v1/coSpaces", "name=Accepted");

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, status);
        Assert.Equal("databaseNotReady", failure.Reason().Name.LocalName);
        var spaces = await http.GetAsync("/api/v1/coSpaces");
        Assert.Equal(id, Assert.Single(spaces.Elements("coSpace")).Attribute("id")!.Value);
    }
}
