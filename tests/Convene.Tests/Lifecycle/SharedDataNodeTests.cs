using Convene.Bridges;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Tests.Lifecycle;

/// <summary>Space updates go to any node (spaces are cluster-wide, reference/cms-api.md §3.1): the call's node while it
/// has room, the least busy node while it is at its request limit; the call and its dial-outs stay on the call's node.</summary>
public abstract class SharedDataNodeTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Start_OnAQuietBridge_SendsEveryRequestToThePreferredNode()
    {
        var (_, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 3);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        var preferred = await PreferredNodeAsync(convene, bridge.Id);

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        Assert.Equal(MeetingState.Running, (await MeetingAsync(convene, booked.Id)).State);
        var sent = await RequestsOfAsync(convene, booked.Id);
        Assert.Equal(4, sent.Count);
        Assert.All(sent, r => Assert.Equal(preferred.Name, r.Node));
    }

    [Fact(Timeout = 120_000)]
    public async Task StartAndEnd_WhileThePreferredNodeIsAtItsLimit_PutTheSpaceOnAnotherNodeAndKeepTheCallOnThePreferred()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync(nodes: 3);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        var preferred = await PreferredNodeAsync(convene, bridge.Id);
        var gate = convene.Services.GetRequiredService<NodeGates>().For(preferred.Id);
        var limit = convene.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value.MaxConcurrentRequestsPerNode;
        // Other meetings' requests hold all but one slot: each of this meeting's requests still gets through, one at a time.
        for (var i = 0; i < limit - 1; i++)
        {
            await gate.WaitAsync(Ct);
        }
        try
        {
            await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
            var running = await MeetingAsync(convene, booked.Id);
            Assert.Equal(MeetingState.Running, running.State);
            Assert.Equal(preferred.Id, running.CallNodeId);
            await RunAtAsync(convene, running.EndUtc);
        }
        finally
        {
            gate.Release(limit - 1);
        }

        Assert.Equal(MeetingState.Ended, (await MeetingAsync(convene, booked.Id)).State);
        var sent = await RequestsOfAsync(convene, booked.Id);
        var spaces = sent.Where(r => r.Method == "PUT" && r.Path!.StartsWith("/api/v1/coSpaces/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, spaces.Count); // opened, then reverted
        Assert.All(spaces, r => Assert.NotEqual(preferred.Name, r.Node));
        Assert.All(sent.Except(spaces), r => Assert.Equal(preferred.Name, r.Node));
        var calls = sent.Except(spaces).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Contains(calls, l => l.StartsWith("GET /api/v1/calls?coSpaceFilter=", StringComparison.Ordinal));
        Assert.Contains("POST /api/v1/calls", calls);
        Assert.Contains(calls, l => l.StartsWith("POST /api/v1/calls/", StringComparison.Ordinal) && l.EndsWith("/callLegs", StringComparison.Ordinal));
        Assert.Contains(calls, l => l.StartsWith("DELETE /api/v1/calls/", StringComparison.Ordinal));
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    private static Task<BridgeNode> PreferredNodeAsync(ConveneFactory convene, Guid bridgeId) => convene.DbAsync(async db =>
        BridgeConnections.FailoverOrder(await db.Bridges.Include(b => b.Nodes).AsNoTracking().SingleAsync(b => b.Id == bridgeId, Ct)).First());

    private static Task<List<MeetingEvent>> RequestsOfAsync(ConveneFactory convene, Guid meetingId) => convene.DbAsync(db =>
        db.MeetingEvents.AsNoTracking().Where(e => e.MeetingId == meetingId && e.Kind == MeetingEventKind.CmsRequest).OrderBy(e => e.Id).ToListAsync(Ct));
}

public sealed class SharedDataNodeTests_Sqlite() : SharedDataNodeTests(DatabaseKind.Sqlite, null);

public sealed class SharedDataNodeTests_Postgres(PostgresServer postgres) : SharedDataNodeTests(DatabaseKind.Postgres, postgres);
