using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests;

/// <summary>callBridgeGroups over a canned bridge (the simulator does not serve them yet): the requests the
/// client sends and what it reads back.</summary>
public sealed class CmsClientCallBridgeGroupsTests
{
    private const string Group = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    private const string BridgeA = "11111111-2222-4333-8444-555555555555";
    private const string BridgeB = "66666666-7777-4888-9999-aaaaaaaaaaaa";
    private const string Call = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
    private const string Space = "12345678-90ab-4cde-8f01-234567890abc";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateUpdateDelete_SendFormsAndReturnTheId()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            ["POST /api/v1/callBridgeGroups"] = $"/api/v1/callBridgeGroups/{Group}",
        }, requests);
        using var client = server.Client();

        var id = await client.CreateCallBridgeGroupAsync(new CallBridgeGroupChanges { Name = "emea", LoadBalancingEnabled = true }, Ct);
        await client.UpdateCallBridgeGroupAsync(id, new CallBridgeGroupChanges { LoadBalanceOutgoingCalls = true, Name = CmsParam.Clear }, Ct);
        await client.DeleteCallBridgeGroupAsync(id, Ct);

        Assert.Equal(Group, id);
        Assert.Equal(
        [
            new CannedRequest("POST", "/api/v1/callBridgeGroups", "name=emea&loadBalancingEnabled=true"),
            new CannedRequest("PUT", $"/api/v1/callBridgeGroups/{Group}", "name=&loadBalanceOutgoingCalls=true"),
            new CannedRequest("DELETE", $"/api/v1/callBridgeGroups/{Group}", ""),
        ], requests);
    }

    [Fact]
    public async Task UpdateCallBridgeGroupAsync_NothingSet_ThrowsWithoutARequest()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>());
        using var client = server.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateCallBridgeGroupAsync(Group, new CallBridgeGroupChanges(), Ct));

        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task ListCallBridgeGroupsAsync_Entries_ReadWithNames()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            ["/api/v1/callBridgeGroups"] = $"""<callBridgeGroups total="1"><callBridgeGroup id="{Group}"><name>emea</name></callBridgeGroup></callBridgeGroups>""",
        });
        using var client = server.Client();

        var groups = await client.ListCallBridgeGroupsAsync(Ct).ToListAsync(Ct);

        Assert.Equal(new CmsCallBridgeGroup(Group, "emea", null, null, null, null, null), Assert.Single(groups));
    }

    [Fact]
    public async Task ListCallBridgeGroupMembersAsync_TwoBridgesOneInTheGroup_ReturnsThatOne()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            ["/api/v1/callBridges"] = $"""
                <callBridges total="2"><callBridge id="{BridgeA}"><name>cms-a</name></callBridge><callBridge id="{BridgeB}"><name>cms-b</name></callBridge></callBridges>
                """,
            [$"/api/v1/callBridges/{BridgeA}"] = $"<callBridge id=\"{BridgeA}\"><name>cms-a</name><address>https://10.0.0.1</address><callBridgeGroup>{Group.ToUpperInvariant()}</callBridgeGroup></callBridge>",
            [$"/api/v1/callBridges/{BridgeB}"] = $"<callBridge id=\"{BridgeB}\"><name>cms-b</name><address>https://10.0.0.2</address><callBridgeGroup/></callBridge>",
        });
        using var client = server.Client();

        var members = await client.ListCallBridgeGroupMembersAsync(Group, Ct).ToListAsync(Ct);

        Assert.Equal("cms-a", Assert.Single(members).Name);
    }

    [Fact]
    public async Task CreateCallAsync_WithCallBridgeGroup_SendsIt()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string> { ["POST /api/v1/calls"] = $"/api/v1/calls/{Call}" }, requests);
        using var client = server.Client();

        await client.CreateCallAsync(Space, new CallChanges { CallBridgeGroup = Group }, Ct);

        Assert.Equal($"coSpace={Space}&callBridgeGroup={Group}", Assert.Single(requests).Body);
    }

    [Fact]
    public async Task UpdateCallAsync_WithCallBridgeGroup_ThrowsWithoutARequest()
    {
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>());
        using var client = server.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateCallAsync(Call, new CallChanges { Locked = true, CallBridgeGroup = Group }, Ct));

        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task AddParticipantAsync_GroupAndLobbySettings_SendsThem()
    {
        var requests = new List<CannedRequest>();
        await using var server = await CannedServer.RoutesAsync(new Dictionary<string, string>
        {
            [$"POST /api/v1/calls/{Call}/participants"] = $"/api/v1/participants/{BridgeB}",
        }, requests);
        using var client = server.Client();

        await client.AddParticipantAsync(Call, new AddParticipant("guest@example.com")
        {
            CallBridgeGroup = Group, NeedsActivation = true, DeactivationMode = DeactivationMode.RemainActivated, DeactivationModeTimeSeconds = 60,
        }, Ct);

        Assert.Equal($"remoteParty=guest%40example.com&callBridgeGroup={Group}&needsActivation=true&deactivationMode=remainActivated&deactivationModeTime=60",
            Assert.Single(requests).Body);
    }
}
