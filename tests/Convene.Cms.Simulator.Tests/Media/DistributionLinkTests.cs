using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

/// <summary>A meeting with instances on several nodes: the instances are joined by distribution-link call
/// legs (<c>subType</c> distributionLink), which are legs but not participants (reference §3.2).</summary>
public sealed class DistributionLinkTests
{
    private const string Node1 = "CallBridge-Core1";
    private const string Node2 = "CallBridge-Core2";

    [Fact]
    public async Task DialIns_OnTwoNodes_JoinTheInstancesWithALinkLegOnEachNode()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        using var control = host.Control();
        await first.CreateSpaceAsync("room");

        var one = await DialInAsync(control, Node1, "alice@example.com");
        var two = await DialInAsync(control, Node2, "bob@example.com");

        foreach (var (http, call, own) in new[] { (first, one.Call!, one.CallLeg!), (second, two.Call!, two.CallLeg!) })
        {
            var legs = (await http.GetAsync($"/api/v1/calls/{call}/callLegs")).Elements("callLeg").ToList();
            Assert.Equal(2, legs.Count);
            var link = Assert.Single(legs, l => l.Attribute("id")?.Value != own);
            var detail = await http.GetAsync($"/api/v1/callLegs/{link.Attribute("id")?.Value}");
            Assert.Equal("distributionLink", detail.Value("subType"));
            Assert.Null((await http.GetAsync($"/api/v1/callLegs/{own}")).Element("subType"));
            var callDetail = await http.GetAsync($"/api/v1/calls/{call}");
            Assert.Equal(1, callDetail.Number("numParticipantsLocal"));
            Assert.Equal(1, callDetail.Number("numParticipantsRemote"));
            Assert.Equal(2, (await http.GetAsync($"/api/v1/calls/{call}/participants")).Elements("participant").Count());
        }
        Assert.Equal("CallBridge-Core2", (await first.GetAsync($"/api/v1/callLegs/{LinkOf(await first.GetAsync($"/api/v1/calls/{one.Call}/callLegs"), one.CallLeg!)}")).Value("remoteParty"));
    }

    [Fact]
    public async Task LastParticipantOnANode_Leaves_ThatInstanceEndsAndTheOtherNodesLinkGoes()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var second = host.Api(1);
        using var control = host.Control();
        await first.CreateSpaceAsync("room");
        var one = await DialInAsync(control, Node1, "alice@example.com");
        var two = await DialInAsync(control, Node2, "bob@example.com");

        using (var hangUp = await control.DeleteAsync($"sim/nodes/{Node2}/callLegs/{two.CallLeg}", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, hangUp.StatusCode);
        }

        Assert.Equal(0, (await second.GetAsync("/api/v1/calls")).Total());
        Assert.Equal(0, (await second.StatusAsync()).Number("callLegsActive"));
        var remaining = Assert.Single((await first.GetAsync($"/api/v1/calls/{one.Call}/callLegs")).Elements("callLeg"));
        Assert.Equal(one.CallLeg, remaining.Attribute("id")?.Value);
        // Not distributed any more: CMS leaves the remote counts out.
        Assert.Null((await first.GetAsync($"/api/v1/calls/{one.Call}")).Element("numDistributedInstances"));
    }

    [Fact]
    public async Task NodeGoesDown_OtherNodesLinkDropsAndItsParticipantsStay()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var first = host.Api(0);
        using var control = host.Control();
        await first.CreateSpaceAsync("room");
        var one = await DialInAsync(control, Node1, "alice@example.com");
        await DialInAsync(control, Node2, "bob@example.com");

        await host.TakeDownAsync(Node2);

        var remaining = Assert.Single((await first.GetAsync($"/api/v1/calls/{one.Call}/callLegs")).Elements("callLeg"));
        Assert.Equal(one.CallLeg, remaining.Attribute("id")?.Value);
        Assert.Equal(1, (await first.StatusAsync()).Number("callLegsActive"));
        Assert.Single((await first.GetAsync($"/api/v1/calls/{one.Call}/participants")).Elements("participant"));
    }

    private static string LinkOf(XElement legs, string own) =>
        legs.Elements("callLeg").Select(l => l.Attribute("id")!.Value).Single(id => id != own);

    private static async Task<Answer> DialInAsync(HttpClient control, string node, string caller)
    {
        using var response = await control.DialInAsync(node, new { uri = "room", caller });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Answer>(TestContext.Current.CancellationToken))!;
    }

    private sealed record Answer(string? Refused, string? Call, string? CallLeg, string? Participant);
}
