using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Status;
using Convene.Tests.Bridges;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Status;

/// <summary>Polls keep their word: every node at once, each within its own time limit; a refresh polls
/// its own bridge only; a node that refuses the credentials is "authentication failed", not unreachable.</summary>
public abstract class StatusRefreshTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Poll_TwoBridgesWithDeadNodes_AsksBothAtOnceAndEachTimesOutOnItsOwn()
    {
        var first = await StartClusterAsync(1);
        var second = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var a = await AddBridgeAsync(client, first);
        var b = await AddBridgeAsync(client, second);
        await using var holeA = new BlackHole();
        await using var holeB = new BlackHole();
        await MoveNodeAsync(client, a, holeA.Address);
        await MoveNodeAsync(client, b, holeB.Address);
        var acceptedA = holeA.Accepted(Ct);
        var acceptedB = holeB.Accepted(Ct);

        var polling = convene.Services.GetRequiredService<StatusPoller>().PollOnceAsync(Ct);
        // Both dead nodes are asked before any time passes: one does not wait for the other.
        await Task.WhenAll(acceptedA, acceptedB).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.False(polling.IsCompleted);
        // Each node's own limit: the request timeout, retries included.
        convene.Clock.Advance(TimeSpan.FromSeconds(15));
        await polling.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        foreach (var bridge in new[] { a, b })
        {
            var node = Assert.Single((await GetBridgeAsync(client, bridge.Id)).Nodes);
            Assert.False(node.Reachable);
            Assert.Contains("no answer within 15 s", node.LastError, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Refresh_WhileARoundWaitsOnAnotherBridgesDeadNode_AnswersAtOnce()
    {
        var first = await StartClusterAsync(1);
        var second = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var dead = await AddBridgeAsync(client, first);
        var alive = await AddBridgeAsync(client, second);
        await using var hole = new BlackHole();
        await MoveNodeAsync(client, dead, hole.Address);
        var accepted = hole.Accepted(Ct);
        var round = convene.Services.GetRequiredService<StatusPoller>().PollOnceAsync(Ct);
        await accepted.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // No time passes: the round still waits on the dead node, and the refresh of the other bridge does not.
        using var response = await client.PostAsync($"/api/bridges/{alive.Id}/status/refresh", null, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(round.IsCompleted);
        // The round's own sample of it may be there too.
        var samples = (await client.GetFromJsonAsync<List<StatusSampleDto>>($"/api/bridges/{alive.Id}/status", Ct))!;
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.True(s.Reachable));
        convene.Clock.Advance(TimeSpan.FromSeconds(15));
        await round.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task Refresh_OneBridge_PollsThatBridgeOnly()
    {
        var first = await StartClusterAsync(1);
        var second = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var a = await AddBridgeAsync(client, first);
        var b = await AddBridgeAsync(client, second);

        using var response = await client.PostAsync($"/api/bridges/{a.Id}/status/refresh", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single((await client.GetFromJsonAsync<List<StatusSampleDto>>($"/api/bridges/{a.Id}/status", Ct))!);
        Assert.Empty((await client.GetFromJsonAsync<List<StatusSampleDto>>($"/api/bridges/{b.Id}/status", Ct))!);
    }

    [Fact(Timeout = 60_000)]
    public async Task Refresh_UnknownBridge_Returns404()
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PostAsync($"/api/bridges/{Guid.NewGuid()}/status/refresh", null, Ct);

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_OnlyNodeAnswers401_RaisesAuthenticationFailedNotBridgeUnreachable()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var seed = Assert.Single(bridge.Nodes);
        using (var put = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/nodes/{seed.Id}", new NodeSettings(null, null, "not-the-password", null), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var response = await client.PostAsync($"/api/bridges/{bridge.Id}/status/refresh", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var open = await convene.DbAsync(db => db.Tickets.Where(t => t.BridgeId == bridge.Id && t.State != TicketState.Resolved).Select(t => t.Type).ToListAsync(Ct));
        Assert.Contains(TicketType.AuthenticationFailed, open);
        Assert.DoesNotContain(TicketType.BridgeUnreachable, open);
    }

    private static async Task MoveNodeAsync(HttpClient client, BridgeDto bridge, string address)
    {
        using var put = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/nodes/{bridge.Nodes.Single().Id}", new NodeSettings(address, null, null, null), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }
}

public sealed class StatusRefreshTests_Sqlite() : StatusRefreshTests(DatabaseKind.Sqlite, null);

public sealed class StatusRefreshTests_Postgres(PostgresServer postgres) : StatusRefreshTests(DatabaseKind.Postgres, postgres);
