using System.Net.Http.Json;

namespace Convene.Cms.Tests;

/// <summary>Distribution links, end to end: the client tells a link between nodes from a participant's leg.</summary>
public sealed class CmsClientDistributionLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCallLeg_MeetingOnTwoNodes_MarksTheLinkLegAsDistributionLink()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var first = cluster.Client(0);
        await first.CreateSpaceAsync(new SpaceChanges { Name = "Spread", Uri = "spread", NonMemberAccess = true }, Ct);
        using var control = new HttpClient { BaseAddress = cluster.Host.ControlUrl };
        foreach (var node in cluster.Host.Nodes)
        {
            using var dialIn = await control.PostAsJsonAsync($"sim/nodes/{node.Name}/dialIn", new { uri = "spread", caller = $"guest@{node.Name}" }, Ct);
            dialIn.EnsureSuccessStatusCode();
        }

        var call = Assert.Single(await first.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        var legs = new List<CmsCallLeg>();
        await foreach (var summary in first.ListCallLegsAsync(call.Id, cancellationToken: Ct))
        {
            legs.Add(await first.GetCallLegAsync(summary.Id, Ct));
        }

        Assert.Equal(2, legs.Count);
        var link = Assert.Single(legs, l => l.IsDistributionLink);
        Assert.Equal(cluster.Host.Nodes[1].Name, link.RemoteParty);
        Assert.False(Assert.Single(legs, l => !l.IsDistributionLink).IsDistributionLink);
        Assert.Single(await first.ListParticipantsAsync(call.Id, cancellationToken: Ct).Where(p => p.CallBridge is null).ToListAsync(Ct));
    }
}
