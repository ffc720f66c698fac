namespace Convene.Cms.Simulator.Tests;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task StartAsync_WithThreeNodes_GivesEachNodeItsOwnPortAndCredentials()
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o => o.Nodes = 3, cancellationToken: TestContext.Current.CancellationToken);

        var nodes = sim.Nodes;
        Assert.Equal(["CallBridge-Core1", "CallBridge-Core2", "CallBridge-Core3"], nodes.Select(n => n.Name));
        Assert.Equal(3, nodes.Select(n => n.ApiUrl.Port).Distinct().Count());
        Assert.Equal(3, nodes.Select(n => n.Password).Distinct().Count());
        Assert.All(nodes, n => Assert.Equal("127.0.0.1", n.ApiUrl.Host));
        using var http = new CmsHttp(nodes[2]);
        var status = await http.GetAsync("/api/v1/system/status");
        Assert.Equal("true", status.Value("clusterEnabled"));
    }

    [Fact]
    public async Task StartAsync_SecondNodesPortTaken_FailsAndFreesTheFirstNodesPort()
    {
        // Other processes take ports too: look for a free port whose next one can be held here.
        var held = HoldPortAfterAFreeOne();
        using var taken = held.Taken;
        var basePort = held.BasePort;

        await Assert.ThrowsAnyAsync<IOException>(() => CmsSimulatorHost.StartAsync(o => o.BasePort = basePort, cancellationToken: TestContext.Current.CancellationToken));

        using var again = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, basePort);
        again.Start();
        again.Stop();
    }

    private static (int BasePort, System.Net.Sockets.TcpListener Taken) HoldPortAfterAFreeOne()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var basePort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, basePort + 1);
            try
            {
                taken.Start();
                return (basePort, taken);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 20)
            {
                taken.Dispose();
            }
        }
    }
}
