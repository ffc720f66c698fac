using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for Call Bridge Groups: CRUD, membership through the call bridges,
/// <c>callBridgeGroup</c> on calls and participants placing them on the least loaded member, and an
/// unknown group refused with <c>callBridgeGroupDoesNotExist</c>.</summary>
public sealed class CallBridgeGroupsContractTests
{
    private const string UnknownGroup = "00000000-0000-0000-0000-00000000abcd";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallBridgeGroups_CreateReadUpdateMembersDelete_RoundTrip()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallBridgeGroupAsync(new CallBridgeGroupChanges { Name = "East", LoadBalancingEnabled = true }, Ct);
        var created = await client.GetCallBridgeGroupAsync(id, Ct);
        await client.UpdateCallBridgeGroupAsync(id, new CallBridgeGroupChanges { Name = "East DC", LoadBalanceOutgoingCalls = true }, Ct);
        await client.UpdateCallBridgeAsync(cluster.Host.Nodes[1].CallBridgeId, new CallBridgeChanges { CallBridgeGroup = id }, Ct);
        var changed = await client.GetCallBridgeGroupAsync(id, Ct);
        var listed = await client.ListCallBridgeGroupsAsync(Ct).ToListAsync(Ct);
        var members = await client.ListCallBridgeGroupMembersAsync(id, Ct).ToListAsync(Ct);
        await client.DeleteCallBridgeGroupAsync(id, Ct);
        var gone = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallBridgeGroupAsync(id, Ct));

        Assert.Equal(new CmsCallBridgeGroup(id, "East", true, false, false, true, false), created);
        Assert.Equal(new CmsCallBridgeGroup(id, "East DC", true, false, true, true, false), changed);
        Assert.Equal(("East DC", id), (Assert.Single(listed).Name, listed[0].Id));
        Assert.Equal(cluster.Host.Nodes[1].CallBridgeId, Assert.Single(members).Id);
        Assert.Equal("callBridgeGroupDoesNotExist", Assert.Single(gone.Reasons).Name);
        Assert.Null((await client.GetCallBridgeAsync(cluster.Host.Nodes[1].CallBridgeId, Ct)).CallBridgeGroup);
    }

    [Fact]
    public async Task CreateCallAsync_GroupWhoseFirstMemberIsLoaded_CallStartsOnTheOtherMember()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var group = await GroupOfBothNodesAsync(cluster, new CallBridgeGroupChanges { Name = "All", LoadBalancingEnabled = true });
        var busy = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Busy"), cancellationToken: Ct);
        await client.DialOutAsync(busy, new DialOut("room1@example.com"), Ct);
        SimulatorSeed.Answer(time);

        var id = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), new CallChanges { CallBridgeGroup = group }, Ct);

        Assert.Equal("Board", (await cluster.Client(1).GetCallAsync(id, Ct)).Name);
        var elsewhere = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallAsync(id, Ct));
        Assert.Equal(CmsErrorKind.NotFound, elsewhere.Kind);
    }

    [Fact]
    public async Task AddParticipantAsync_GroupBalancingOutgoingCalls_PlacedOnTheLeastLoadedMember()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var group = await GroupOfBothNodesAsync(cluster, new CallBridgeGroupChanges { Name = "All", LoadBalanceOutgoingCalls = true });
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);
        await client.AddParticipantAsync(callId, new AddParticipant("room1@example.com"), Ct);
        SimulatorSeed.Answer(time);

        var id = await client.AddParticipantAsync(callId, new AddParticipant("room2@example.com") { CallBridgeGroup = group }, Ct);
        SimulatorSeed.Answer(time);

        var entry = Assert.Single(await client.ListParticipantsAsync(callId, cancellationToken: Ct).ToListAsync(Ct), p => p.Id == id);
        Assert.Equal(cluster.Host.Nodes[1].CallBridgeId, entry.CallBridge);
    }

    [Fact]
    public async Task CreateCallAsync_UnknownGroup_CmsApiExceptionWithCallBridgeGroupDoesNotExist()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var space = await cluster.CreateSpaceAsync("Board");

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateCallAsync(space, new CallChanges { CallBridgeGroup = UnknownGroup }, Ct));

        Assert.Equal("callBridgeGroupDoesNotExist", Assert.Single(error.Reasons).Name);
        Assert.Empty(await client.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task AddParticipantAsync_UnknownGroup_CmsApiExceptionWithCallBridgeGroupDoesNotExist()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Board"), cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() =>
            client.AddParticipantAsync(callId, new AddParticipant("room1@example.com") { CallBridgeGroup = UnknownGroup }, Ct));

        Assert.Equal("callBridgeGroupDoesNotExist", Assert.Single(error.Reasons).Name);
        Assert.Empty(await client.ListParticipantsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
    }

    private static async Task<string> GroupOfBothNodesAsync(SimulatedCluster cluster, CallBridgeGroupChanges values)
    {
        var client = cluster.Client();
        var group = await client.CreateCallBridgeGroupAsync(values, Ct);
        foreach (var node in cluster.Host.Nodes)
        {
            await client.UpdateCallBridgeAsync(node.CallBridgeId, new CallBridgeChanges { CallBridgeGroup = group }, Ct);
        }
        return group;
    }
}
