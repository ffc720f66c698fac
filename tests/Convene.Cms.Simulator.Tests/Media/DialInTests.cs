using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

public sealed class DialInTests
{
    private const string Node1 = "CallBridge-Core1";
    private const string Node2 = "CallBridge-Core2";

    [Fact]
    public async Task DialIn_OpenSpaceWithRightPasscode_CreatesCallWithConnectedLeg()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var space = await http.CreateSpaceAsync("room", "passcode=1234");

        var answer = await DialInAsync(control, Node1, new { uri = "room@example.com", passcode = "1234", caller = "alice@example.com" });

        var call = Assert.Single((await http.GetAsync("/api/v1/calls")).Elements("call"));
        Assert.Equal(call.Attribute("id")?.Value, answer.Call);
        Assert.Equal(space, call.Value("coSpace"));
        var leg = await http.GetAsync($"/api/v1/callLegs/{answer.CallLeg}");
        Assert.Equal("incoming", leg.Value("direction"));
        Assert.Equal("alice@example.com", leg.Value("remoteParty"));
        Assert.Equal("connected", leg.Element("status")?.Value("state"));
        Assert.Equal(answer.Participant, Assert.Single((await http.GetAsync("/api/v1/participants")).Elements("participant")).Attribute("id")?.Value);
        Assert.Equal(1, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task DialIn_ByCallId_JoinsTheSpace()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var space = await http.CreateSpaceAsync("room", "callId=4711&passcode=99");

        var answer = await DialInAsync(control, Node1, new { callId = "4711", passcode = "99" });

        Assert.Equal(space, (await http.GetAsync($"/api/v1/calls/{answer.Call}")).Value("coSpace"));
    }

    [Fact]
    public async Task DialIn_SecondCaller_JoinsTheExistingCall()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        await http.CreateSpaceAsync("room");

        var first = await DialInAsync(control, Node1, new { uri = "room", caller = "a@example.com" });
        var second = await DialInAsync(control, Node1, new { uri = "room", caller = "b@example.com" });

        Assert.Equal(first.Call, second.Call);
        Assert.Equal(2, (await http.GetAsync($"/api/v1/calls/{first.Call}")).Number("numCallLegs"));
    }

    [Fact]
    public async Task DialIn_IntoSpaceWithApiCall_JoinsThatCallWhichOutlivesTheCaller()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        var answer = await DialInAsync(control, Node1, new { uri = "room" });
        await HangUpAsync(control, Node1, answer.CallLeg!);

        Assert.Equal(call, answer.Call);
        Assert.Equal(call, Assert.Single((await http.GetAsync("/api/v1/calls")).Elements("call")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task DialIn_WrongPasscode_IsRefused403AndStartsNoCall()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        await http.CreateSpaceAsync("room", "passcode=1234");

        using var response = await control.DialInAsync(Node1, new { uri = "room", passcode = "4321" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("passcodeIncorrect", (await ReadAsync(response)).Refused);
        Assert.Equal(0, (await http.GetAsync("/api/v1/calls")).Total());
        Assert.Equal(0, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task DialIn_SpaceClosedToNonMembers_IsRefused403()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var space = await http.CreateSpaceAsync("room", "nonMemberAccess=false");

        using var closed = await control.DialInAsync(Node1, new { uri = "room" });
        await http.PutAsync($"/api/v1/coSpaces/{space}", "nonMemberAccess=true");
        using var opened = await control.DialInAsync(Node1, new { uri = "room" });

        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Equal("nonMemberAccessDenied", (await ReadAsync(closed)).Refused);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task DialIn_UnknownUri_Is404UnknownDestination()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();

        using var response = await control.DialInAsync(Node1, new { uri = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknownDestination", (await ReadAsync(response)).Refused);
    }

    [Fact]
    public async Task DialIn_WithBothUriAndCallId_IsBadRequest()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();

        using var response = await control.DialInAsync(Node1, new { uri = "room", callId = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DialIn_ThroughAccessMethod_UsesItsPasscode()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var space = await http.CreateSpaceAsync("room", "passcode=1111");
        await http.CreateAsync($"/api/v1/coSpaces/{space}/accessMethods", "uri=room.guest&passcode=2222");

        using var wrong = await control.DialInAsync(Node1, new { uri = "room.guest", passcode = "1111" });
        var answer = await DialInAsync(control, Node1, new { uri = "room.guest", passcode = "2222" });

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(space, (await http.GetAsync($"/api/v1/calls/{answer.Call}")).Value("coSpace"));
    }

    [Fact]
    public async Task HangUp_OfLastDialInLeg_EndsTheCall()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        await http.CreateSpaceAsync("room");
        var first = await DialInAsync(control, Node1, new { uri = "room" });
        var second = await DialInAsync(control, Node1, new { uri = "room" });

        await HangUpAsync(control, Node1, first.CallLeg!);
        Assert.Equal(1, (await http.GetAsync("/api/v1/calls")).Total());
        await HangUpAsync(control, Node1, second.CallLeg!);

        Assert.Equal(0, (await http.GetAsync("/api/v1/calls")).Total());
        var status = await http.StatusAsync();
        Assert.Equal(0, status.Number("callLegsActive"));
        Assert.Equal(2, status.Number("callLegsCompleted"));
        Assert.Equal(2, status.Number("callLegsMaxActive"));
    }

    [Fact]
    public async Task HangUp_OfUnknownLeg_Is404()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var control = host.Control();

        using var response = await control.DeleteAsync($"sim/nodes/{Node1}/callLegs/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DialIn_ToTwoNodes_SharesOneCallCorrelatorAndSeesRemoteParticipants()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        using var control = host.Control();
        await first.CreateSpaceAsync("room");

        var one = await DialInAsync(control, Node1, new { uri = "room", caller = "one@example.com" });
        var two = await DialInAsync(control, Node2, new { uri = "room", caller = "two@example.com" });

        var callOne = await first.GetAsync($"/api/v1/calls/{one.Call}");
        var callTwo = await second.GetAsync($"/api/v1/calls/{two.Call}");
        Assert.NotEqual(one.Call, two.Call);
        Assert.Equal(callOne.Value("callCorrelator"), callTwo.Value("callCorrelator"));
        Assert.Equal(1, callOne.Number("numDistributedInstances"));
        Assert.Equal(1, callOne.Number("numParticipantsLocal"));
        Assert.Equal(1, callOne.Number("numParticipantsRemote"));
        var seenByFirst = (await first.GetAsync("/api/v1/participants")).Elements("participant").ToList();
        Assert.Equal(2, seenByFirst.Count);
        Assert.Equal(host.Nodes[1].CallBridgeId, seenByFirst.Single(p => p.Attribute("id")?.Value == two.Participant).Value("callBridge"));
    }

    [Fact]
    public async Task DialIn_ToNodeThatIsDown_Is404()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        await http.CreateSpaceAsync("room");
        await host.TakeDownAsync(Node2);

        using var response = await control.DialInAsync(Node2, new { uri = "room" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DialIn_WhenMeetingIsAtCallProfileLimit_IsRefused403()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        var profile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=2");
        await http.CreateSpaceAsync("room", $"callProfile={profile}");
        await DialInAsync(control, Node1, new { uri = "room" });
        await DialInAsync(control, Node2, new { uri = "room" });

        using var third = await control.DialInAsync(Node1, new { uri = "room" });

        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Equal("participantLimitReached", (await ReadAsync(third)).Refused);
        // Node 1 holds its one participant and its end of the distribution link to node 2.
        Assert.Equal(2, (await http.StatusAsync()).Number("callLegsActive"));
    }

    [Fact]
    public async Task DialIn_WhenNodeIsAtItsClusterParticipantLimit_IsRefused403()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var control = host.Control();
        await http.PutAsync("/api/v1/system/configuration/cluster", "participantLimit=1");
        await http.CreateSpaceAsync("room");
        await DialInAsync(control, Node1, new { uri = "room" });

        using var refused = await control.DialInAsync(Node1, new { uri = "room" });
        var elsewhere = await DialInAsync(control, Node2, new { uri = "room" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("participantLimitReached", (await ReadAsync(refused)).Refused);
        Assert.NotNull(elsewhere.Call);
    }

    private static async Task<Answer> DialInAsync(HttpClient control, string node, object request)
    {
        using var response = await control.DialInAsync(node, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadAsync(response);
        Assert.Null(answer.Refused);
        Assert.NotNull(answer.Call);
        Assert.NotNull(answer.CallLeg);
        return answer;
    }

    private static async Task HangUpAsync(HttpClient control, string node, string leg)
    {
        using var response = await control.DeleteAsync($"sim/nodes/{node}/callLegs/{leg}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<Answer>(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No answer.");

    public sealed record Answer(string? Refused, string? Call, string? CallLeg, string? Participant);
}
