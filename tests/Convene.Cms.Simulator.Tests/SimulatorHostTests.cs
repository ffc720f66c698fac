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
}
