namespace Convene.Cms.Tests;

public sealed class CmsClientSystemTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSystemStatusAsync_ClusteredNode_ReturnsVersionUptimeAndIdleCounters()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var status = await client.GetSystemStatusAsync(Ct);

        Assert.Equal("3.9.2", status.SoftwareVersion);
        Assert.Equal(new Version(3, 9, 2), status.Version);
        Assert.True(status.ClusterEnabled);
        Assert.False(string.IsNullOrEmpty(status.ClusterId));
        Assert.Matches("^[0-9a-f-]{36}$", status.HostId ?? "");
        Assert.Null(status.Activated);
        Assert.NotNull(status.Uptime);
        Assert.NotNull(status.CdrTime);
        Assert.Equal(0, status.CallLegsActive);
        Assert.Equal(0, status.CallLegsCompleted);
        Assert.Equal(0, status.AudioBitRateOutgoing);
        Assert.Equal(["GET /api/v1/system/status"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetSystemStatusAsync_Version2Standalone_ParsesRcVersionAndActivated()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            o.Nodes = 1;
            o.SoftwareVersion = "2.0(RC)";
        });

        var status = await cluster.Client().GetSystemStatusAsync(Ct);

        Assert.Equal("2.0(RC)", status.SoftwareVersion);
        Assert.Equal(new Version(2, 0), status.Version);
        Assert.True(status.Activated);
        Assert.False(status.ClusterEnabled);
        Assert.Null(status.ClusterId);
        Assert.Null(status.HostId);
    }

    [Fact]
    public async Task GetMediaProcessingLoadAsync_IdleNode_ReturnsZero()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        Assert.Equal(0, await cluster.Client().GetMediaProcessingLoadAsync(Ct));
        Assert.Equal(["GET /api/v1/system/load"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task ListAlarmsAsync_HealthyNode_IsEmptyAfterOnePage()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var alarms = await cluster.Client().ListAlarmsAsync(Ct).ToListAsync(Ct);

        Assert.Empty(alarms);
        Assert.Equal(["GET /api/v1/system/alarms?offset=0&limit=50"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetClusterConfigurationAsync_EachNode_ReturnsItsOwnUniqueName()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Nodes = 3);

        for (var i = 0; i < 3; i++)
        {
            var configuration = await cluster.Client(i).GetClusterConfigurationAsync(Ct);
            Assert.Equal(cluster.Host.Nodes[i].Name, configuration.UniqueName);
        }
    }

    [Fact]
    public async Task CdrReceivers_CreateGetListUpdateDelete_RoundTripThroughTheNode()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCdrReceiverAsync(new Uri("http://127.0.0.1:9999/cdr"), Ct);
        Assert.Equal("uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcdr", await cluster.FormAsync("POST /api/v1/system/cdrReceivers"));
        Assert.Equal(new CmsCdrReceiver(id, "http://127.0.0.1:9999/cdr"), await client.GetCdrReceiverAsync(id, Ct));
        Assert.Equal([id], (await client.ListCdrReceiversAsync(Ct).ToListAsync(Ct)).Select(r => r.Id));

        await client.UpdateCdrReceiverAsync(id, new Uri("http://127.0.0.1:9998/other"), Ct);
        Assert.Equal("http://127.0.0.1:9998/other", (await client.GetCdrReceiverAsync(id, Ct)).Uri);

        await client.DeleteCdrReceiverAsync(id, Ct);
        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCdrReceiverAsync(id, Ct));
        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.True(error.HasReason("cdrReceiverDoesNotExist"));
    }

    [Fact]
    public async Task CreateCdrReceiverAsync_OnOneNode_IsNotSeenByAnother()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        await cluster.Client(0).CreateCdrReceiverAsync(new Uri("http://127.0.0.1:9999/cdr"), Ct);

        Assert.Empty(await cluster.Client(1).ListCdrReceiversAsync(Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task GetCdrReceiverAsync_IdNotAGuid_ThrowsBeforeSendingAnything()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetCdrReceiverAsync("../callBridges", Ct));

        Assert.Equal("id", error.ParamName);
        Assert.Empty(await cluster.RequestsAsync());
    }
}
