using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Meetings;
using Convene.Status;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Status;

/// <summary>The status poller: a sample per node (the seed's System Status box, kept as history), node
/// reachability, and the health and pool tickets raised and resolved as their causes come and go.</summary>
public abstract class StatusPollerTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Poll_AllNodesUp_RecordsASamplePerNodeWithTheirCounters()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await OpenSpaceAndDialInAsync(cluster, node: 1);

        await RefreshAsync(client, bridge.Id);

        var samples = await SamplesAsync(client, bridge.Id);
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s => Assert.True(s.Reachable));
        var second = bridge.Nodes.Single(n => n.Name == "CallBridge-Core2");
        Assert.Equal(1, samples.Single(s => s.NodeId == second.Id).CallLegsActive);
        Assert.Equal(0, samples.Single(s => s.NodeId != second.Id).CallLegsActive);
        Assert.True(samples.Single(s => s.NodeId == second.Id).AudioBitRateIncoming > 0);
        var polled = await GetBridgeAsync(client, bridge.Id);
        Assert.All(polled.Nodes, n => Assert.True(n.Reachable));
        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.ClusterNodeUnreachable, TicketType.BridgeUnreachable, TicketType.AuthenticationFailed));
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_OneNodeDownThenBack_RaisesThenResolvesClusterNodeUnreachable()
    {
        var cluster = await StartSharedPasswordClusterAsync(3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var down = bridge.Nodes.Single(n => n.Name == "CallBridge-Core3");

        await cluster.TakeDownAsync("CallBridge-Core3");
        await RefreshAsync(client, bridge.Id);

        var ticket = Assert.Single(await OpenTicketsAsync(convene, bridge.Id, TicketType.ClusterNodeUnreachable));
        Assert.Equal(down.Id, ticket.NodeId);
        Assert.Contains("CallBridge-Core3", ticket.Summary, StringComparison.Ordinal);
        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.BridgeUnreachable));
        Assert.False((await GetBridgeAsync(client, bridge.Id)).Nodes.Single(n => n.Id == down.Id).Reachable);

        await cluster.BringUpAsync("CallBridge-Core3");
        await RefreshAsync(client, bridge.Id);

        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.ClusterNodeUnreachable));
        Assert.True((await GetBridgeAsync(client, bridge.Id)).Nodes.Single(n => n.Id == down.Id).Reachable);
        var resolved = await convene.DbAsync(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id, Ct));
        Assert.Equal(TicketState.Resolved, resolved.State);
        Assert.NotNull(resolved.ResolvedUtc);
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_EveryNodeDown_RaisesBridgeUnreachable()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        await cluster.TakeDownAsync("CallBridge-Core1");
        await cluster.TakeDownAsync("CallBridge-Core2");
        await RefreshAsync(client, bridge.Id);

        var ticket = Assert.Single(await OpenTicketsAsync(convene, bridge.Id, TicketType.BridgeUnreachable));
        Assert.Contains("None of the 2 nodes", ticket.Details, StringComparison.Ordinal);
        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.ClusterNodeUnreachable));
        Assert.All(await SamplesAsync(client, bridge.Id), s => Assert.False(s.Reachable));
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_NodeWithItsOwnPassword_AuthenticationFailedUntilItsCredentialsAreSet()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var second = bridge.Nodes.Single(n => n.Name == "CallBridge-Core2");

        await RefreshAsync(client, bridge.Id);
        var ticket = Assert.Single(await OpenTicketsAsync(convene, bridge.Id, TicketType.AuthenticationFailed));
        Assert.Equal(second.Id, ticket.NodeId);
        Assert.DoesNotContain(cluster.Nodes[0].Password, ticket.Details ?? "", StringComparison.Ordinal);

        var node = cluster.Node("CallBridge-Core2");
        using var put = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/nodes/{second.Id}", new Convene.Bridges.NodeSettings(null, node.Username, node.Password, null), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain(node.Password, await put.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await RefreshAsync(client, bridge.Id);

        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.AuthenticationFailed));
        Assert.True((await GetBridgeAsync(client, bridge.Id)).Nodes.Single(n => n.Id == second.Id).HasOwnPassword);
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_NodeWithAnUnusableDiscoveredAddress_IsUnreachableWithAReasonAndTheOthersArePolled()
    {
        var cluster = await StartSharedPasswordClusterAsync(2);
        using (var cms = cluster.Client())
        {
            // A peer whose callBridges address is plain http to another host: Convene sends nothing there.
            await cms.UpdateCallBridgeAsync(cluster.Nodes[1].CallBridgeId, new CallBridgeChanges { Address = "http://192.0.2.10" }, Ct);
        }
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        await RefreshAsync(client, bridge.Id);

        var polled = await GetBridgeAsync(client, bridge.Id);
        var peer = polled.Nodes.Single(n => n.Name == "CallBridge-Core2");
        Assert.False(peer.Reachable);
        Assert.Contains("no request was sent", peer.LastError, StringComparison.Ordinal);
        Assert.True(polled.Nodes.Single(n => n.IsSeed).Reachable);
        Assert.Single(await OpenTicketsAsync(convene, bridge.Id, TicketType.ClusterNodeUnreachable));
        Assert.Equal(2, (await SamplesAsync(client, bridge.Id)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_SamplesOlderThanTheRetention_AreDeleted()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Status:Retention"] = "01:00:00");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await RefreshAsync(client, bridge.Id);
        var first = Assert.Single(await SamplesAsync(client, bridge.Id));

        convene.Clock.Advance(TimeSpan.FromHours(2));
        await RefreshAsync(client, bridge.Id);

        var left = await convene.DbAsync(db => db.StatusSamples.Where(s => s.BridgeId == bridge.Id).Select(s => s.TimeUtc).ToListAsync(Ct));
        Assert.NotEmpty(left);
        Assert.All(left, time => Assert.True(time > first.TimeUtc.AddHours(1), $"A sample from {time:u} outlived the one-hour retention."));
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_PlaceholdersNearlyAllBooked_RaisesThePoolTicketUntilBookingsEnd()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Pool", "video.example.com", 500, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var start = convene.Clock.GetUtcNow().AddDays(2);
        await convene.DbAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.Meetings.Add(Booking(bridge.Id, $"Board {i}", start.AddMinutes(i * 10), start.AddHours(2)));
            }
            return await db.SaveChangesAsync(Ct);
        });

        await RefreshAsync(client, bridge.Id);
        var ticket = Assert.Single(await OpenTicketsAsync(convene, bridge.Id, TicketType.PlaceholderPoolNearlyExhausted));
        Assert.Contains("Up to 5 of 5 placeholders", ticket.Details, StringComparison.Ordinal);

        await convene.DbAsync(db => db.Meetings.Where(m => m.BridgeId == bridge.Id && m.Title != "Board 0")
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MeetingState.Cancelled), Ct));
        await RefreshAsync(client, bridge.Id);

        Assert.Empty(await OpenTicketsAsync(convene, bridge.Id, TicketType.PlaceholderPoolNearlyExhausted));
    }

    [Fact(Timeout = 60_000)]
    public async Task History_FromAfterTo_Returns400()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        using var response = await client.GetAsync($"/api/bridges/{bridge.Id}/status?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var viewer = convene.Client(null);
        using var anonymous = await viewer.GetAsync($"/api/bridges/{bridge.Id}/status", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    internal static Meeting Booking(Guid bridgeId, string title, DateTimeOffset start, DateTimeOffset end, MeetingState state = MeetingState.Booked, long? numericId = null) => new()
    {
        Id = Guid.NewGuid(),
        BridgeId = bridgeId,
        Title = title,
        TimeZone = "UTC",
        StartLocal = start.UtcDateTime,
        EndLocal = end.UtcDateTime,
        StartUtc = start,
        EndUtc = end,
        State = state,
        NumericId = numericId,
    };

    private static async Task RefreshAsync(HttpClient client, Guid bridgeId)
    {
        using var response = await client.PostAsync($"/api/bridges/{bridgeId}/status/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<List<StatusSampleDto>> SamplesAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<StatusSampleDto>>($"/api/bridges/{bridgeId}/status", Ct))!;

    private static Task<List<Ticket>> OpenTicketsAsync(ConveneFactory convene, Guid bridgeId, params TicketType[] types) =>
        convene.DbAsync(db => db.Tickets.Where(t => t.BridgeId == bridgeId && types.Contains(t.Type) && t.State != TicketState.Resolved).ToListAsync(Ct));

    /// <summary>A space open to everyone, and someone dialled in to it on the given node.</summary>
    private static async Task OpenSpaceAndDialInAsync(CmsSimulatorHost cluster, int node)
    {
        using var cms = cluster.Client();
        await cms.CreateSpaceAsync(new SpaceChanges { Name = "Lobby", Uri = "lobby", NonMemberAccess = true }, Ct);
        using var http = new HttpClient();
        using var dialIn = await http.PostAsJsonAsync(new Uri(cluster.ControlUrl, $"sim/nodes/{cluster.Nodes[node].Name}/dialIn"),
            new { uri = "lobby", caller = "guest@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.OK, dialIn.StatusCode);
    }
}

public sealed class StatusPollerTests_Sqlite() : StatusPollerTests(DatabaseKind.Sqlite, null);

public sealed class StatusPollerTests_Postgres(PostgresServer postgres) : StatusPollerTests(DatabaseKind.Postgres, postgres);
