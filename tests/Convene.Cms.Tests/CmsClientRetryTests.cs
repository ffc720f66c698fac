using System.Net;
using System.Net.Sockets;
using Convene.Cms.Simulator;
using Convene.Cms.Tests.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>Transient failures (busy, down, slow, 5xx): what the client retries, what it never sends twice, and the
/// error it ends with.</summary>
public sealed class CmsClientRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSystemStatusAsync_AlwaysBusy_BusyAfterEveryRetry()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 2 });
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { Busy = true });
        using var tally = CmsRequestTally.Start();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Busy, error.Kind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal(3, tally.Count);
        Assert.Equal(3, (await cluster.RequestsAsync()).Length);
    }

    [Fact]
    public async Task GetSystemStatusAsync_NodeDown_ConnectionAfterRetries()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 2 });
        await cluster.Host.TakeDownAsync(cluster.Host.Nodes[0].Name);
        using var tally = CmsRequestTally.Start();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Connection, error.Kind);
        Assert.Null(error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal(3, tally.Count);
    }

    [Fact]
    public async Task GetSystemStatusAsync_PortClosed_Connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new CmsClient(new CmsEndpoint(new Uri($"http://127.0.0.1:{port}"), "admin", "pw"), new CmsClientOptions { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Connection, error.Kind);
        Assert.Equal($"127.0.0.1:{port}", error.Node);
    }

    [Fact]
    public async Task GetSystemStatusAsync_LatencyBeyondRequestTimeout_Timeout()
    {
        // The client's clock moves on only once the node holds the request (its latency's timer exists): a request the
        // client gave up on before the node read it would never reach the node's trace.
        var simTime = new ObservedTimeProvider(new FakeTimeProvider());
        await using var cluster = await SimulatedCluster.StartAsync(null, simTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = TimeSpan.FromSeconds(15), MaxRetries = 1, RetryDelay = TimeSpan.Zero }, clientTime);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { Latency = TimeSpan.FromHours(1) });
        using var tally = CmsRequestTally.Start();

        var status = client.GetSystemStatusAsync(Ct);
        await simTime.WaitForTimerOfAsync(TimeSpan.FromHours(1));
        clientTime.Advance(TimeSpan.FromSeconds(15));
        await simTime.WaitForTimerOfAsync(TimeSpan.FromHours(1));
        clientTime.Advance(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<CmsApiException>(() => status);

        Assert.Equal(CmsErrorKind.Timeout, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(2, tally.Count);
        Assert.Equal(["GET /api/v1/system/status", "GET /api/v1/system/status"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task CreateSpaceAsync_TimesOut_IsSentExactlyOnceAndMakesNoDuplicate()
    {
        var simTime = new ObservedTimeProvider(new FakeTimeProvider());
        await using var cluster = await SimulatedCluster.StartAsync(null, simTime);
        var clientTime = new FakeTimeProvider();
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = TimeSpan.FromSeconds(15), MaxRetries = 3, RetryDelay = TimeSpan.Zero }, clientTime);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { Latency = TimeSpan.FromMinutes(1) });
        using var tally = CmsRequestTally.Start();

        var create = client.CreateSpaceAsync(new SpaceChanges { Uri = "once" }, Ct);
        await simTime.WaitForTimerOfAsync(TimeSpan.FromMinutes(1));
        clientTime.Advance(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<CmsApiException>(() => create);

        Assert.Equal(CmsErrorKind.Timeout, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Equal(1, tally.Count);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults());
        simTime.Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["POST /api/v1/coSpaces"], (await cluster.RequestsAsync()).Where(r => r.StartsWith("POST", StringComparison.Ordinal)));
        Assert.InRange(await cluster.Client(0).ListSpacesAsync(new SpaceFilter("once"), Ct).CountAsync(Ct), 0, 1);
    }

    [Fact]
    public async Task CreateSpaceAsync_NodeDown_ConnectionWithoutRetry()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 3 });
        await cluster.Host.TakeDownAsync(cluster.Host.Nodes[0].Name);
        using var tally = CmsRequestTally.Start();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "once" }, Ct));

        Assert.Equal(CmsErrorKind.Connection, error.Kind);
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task GetSystemStatusAsync_BusyThenFree_RetriesAndSucceeds()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var time = new ObservedTimeProvider(new FakeTimeProvider());
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = TimeSpan.FromHours(1), RetryDelay = TimeSpan.FromSeconds(1) }, time);
        var name = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(name, new NodeFaults { Busy = true });
        using var tally = CmsRequestTally.Start();

        var status = client.GetSystemStatusAsync(Ct);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        cluster.Host.SetFaults(name, new NodeFaults());
        time.Fake.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("3.9.2", (await status).SoftwareVersion);
        Assert.Equal(2, tally.Count);
        Assert.Equal(["GET /api/v1/system/status", "GET /api/v1/system/status"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task CreateSpaceAsync_BusyThenFree_RetriesThe503AndMakesOneSpace()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var time = new ObservedTimeProvider(new FakeTimeProvider());
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = TimeSpan.FromHours(1), RetryDelay = TimeSpan.FromSeconds(1) }, time);
        var name = cluster.Host.Nodes[0].Name;
        cluster.Host.SetFaults(name, new NodeFaults { Busy = true });
        using var tally = CmsRequestTally.Start();

        var create = client.CreateSpaceAsync(new SpaceChanges { Name = "Retried", Uri = "retried" }, Ct);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        cluster.Host.SetFaults(name, new NodeFaults());
        time.Fake.Advance(TimeSpan.FromMinutes(1));

        var id = await create;
        Assert.Equal(2, tally.Count);
        Assert.Equal(["POST /api/v1/coSpaces", "POST /api/v1/coSpaces"], await cluster.RequestsAsync());
        Assert.Equal("name=Retried&uri=retried", await cluster.FormAsync("POST /api/v1/coSpaces"));
        Assert.Equal([id], (await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task CreateSpaceAsync_HalfTheAnswersBusy_EveryCreateSucceedsOnce()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            o.RandomSeed = 7;
            o.StartupFaults["*"] = new NodeFaults { BusyShare = 0.5 };
        });
        var client = cluster.Client(0, new CmsClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 10 });
        using var tally = CmsRequestTally.Start();

        for (var i = 0; i < 10; i++)
        {
            await client.CreateSpaceAsync(new SpaceChanges { Uri = $"s{i}" }, Ct);
        }

        var posts = (await cluster.RequestsAsync()).Count(r => r == "POST /api/v1/coSpaces");
        Assert.True(posts > 10, $"only {posts} POSTs: the seed made no 503s, so nothing was retried");
        Assert.Equal(posts, tally.Count);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults());
        Assert.Equal(10, await client.ListSpacesAsync(cancellationToken: Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task GetSystemStatusAsync_NodeDownThenUp_RetriesTheConnectionFailureAndSucceeds()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var time = new ObservedTimeProvider(new FakeTimeProvider());
        var client = cluster.Client(0, new CmsClientOptions { RequestTimeout = TimeSpan.FromHours(1), RetryDelay = TimeSpan.FromSeconds(1) }, time);
        var name = cluster.Host.Nodes[0].Name;
        await cluster.Host.TakeDownAsync(name);
        using var tally = CmsRequestTally.Start();

        var status = client.GetSystemStatusAsync(Ct);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        await cluster.Host.BringUpAsync(name);
        time.Fake.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull((await status).SoftwareVersion);
        Assert.Equal(2, tally.Count);
        Assert.Equal(["GET /api/v1/system/status"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetSystemStatusAsync_500_ServerErrorRetriedForGet()
    {
        await using var server = await CannedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        using var client = server.Client(new CmsClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.ServerError, error.Kind);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task CreateSpaceAsync_500_ServerErrorNotRetried()
    {
        await using var server = await CannedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        using var client = server.Client(new CmsClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));

        Assert.Equal(CmsErrorKind.ServerError, error.Kind);
        Assert.Equal(1, server.Requests);
    }
}
