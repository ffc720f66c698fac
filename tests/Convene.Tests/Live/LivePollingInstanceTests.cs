using System.Net;
using Convene.Meetings;
using Convene.Tests.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>The polling fallback finds the call instances that a node whose CDRs do not reach Convene hosts, so that
/// the end deletes them as it deletes those learnt from callStart CDRs.</summary>
public abstract class LivePollingInstanceTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    /// <summary>A running meeting on one node of two, and the other node's CDR receiver removed: its CDRs stop.</summary>
    private async Task<(Meeting Meeting, int Host, int Other, Guid OtherNodeId)> MeetingWithASilentNodeAsync()
    {
        await StartWithPlaceholdersAsync(nodes: 2);
        var meeting = await RunningAsync(LaunchType.Manual);
        var host = await HostIndexAsync(meeting);
        var other = 1 - host;
        await CdrsStoredAsync();
        using (var cms = Cluster.Client(other))
        {
            foreach (var receiver in await cms.ListCdrReceiversAsync(Ct).ToListAsync(Ct))
            {
                await cms.DeleteCdrReceiverAsync(receiver.Id, Ct);
            }
        }
        var otherNodeId = await Convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == Bridge.Id && n.Name == Cluster.Nodes[other].Name).Select(n => n.Id).SingleAsync(Ct));
        return (meeting, host, other, otherNodeId);
    }

    /// <summary>Waits until Convene has stored every CDR the nodes wrote (each node's <c>cdrCorrelatorIndex</c> counts the
    /// records written while it had a receiver). A batch still in flight when a receiver is removed would otherwise land
    /// after the clock moved on and make its node look alive.</summary>
    private Task<(long Written, long Stored)> CdrsStoredAsync() => UntilAsync(async () =>
    {
        long written = 0;
        for (var i = 0; i < Cluster.Nodes.Count; i++)
        {
            using var cms = Cluster.Client(i);
            written += (await cms.GetSystemStatusAsync(Ct)).CdrCorrelatorIndex ?? 0;
        }
        return (Written: written, Stored: await Convene.DbAsync(db => db.CdrRecordsSeen.LongCountAsync(Ct)));
    }, c => c.Stored >= c.Written, "every CDR the nodes wrote stored by Convene");

    private async Task<string> OnlyCallAsync(int node)
    {
        using var cms = Cluster.Client(node);
        return Assert.Single(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct)).Id;
    }

    [Fact(Timeout = 120_000)]
    public async Task Poll_InstanceOnANodeWithoutCdrs_IsRecordedWithOneListingAndTheEndDeletesIt()
    {
        var (meeting, host, other, otherNodeId) = await MeetingWithASilentNodeAsync();
        await DialInWithPinAsync(meeting, "dave@guest.example.com", other);
        var instance = await OnlyCallAsync(other);
        Assert.NotEqual(meeting.CallId, instance);
        Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(i => i.NodeId == otherNodeId, Ct)));
        var before = await SnapshotAsync();

        await PollAsync();

        Assert.Equal(["GET /api/v1/calls"], (await SinceAsync(before)).Where(r => r.Node == Cluster.Nodes[other].Name).Select(r => r.Line.Split('?')[0]));
        Assert.Equal(instance, await Convene.DbAsync(db => db.CallInstances.Where(i => i.NodeId == otherNodeId && i.MeetingId == meeting.Id)
            .Select(i => i.CallId).SingleAsync(Ct)));

        var beforeEnd = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/meetings/{meeting.Id}/end", null, Ct)).StatusCode);

        var sent = await SinceAsync(beforeEnd);
        Assert.Contains($"DELETE /api/v1/calls/{meeting.CallId}", sent.Where(r => r.Node == Cluster.Nodes[host].Name).Select(r => r.Line));
        Assert.Equal([$"DELETE /api/v1/calls/{instance}"], sent.Where(r => r.Node == Cluster.Nodes[other].Name).Select(r => r.Line));
        using var cms = Cluster.Client(other);
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(Ct)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Poll_InstanceGoneFromASilentNode_IsForgotten()
    {
        var (meeting, _, other, otherNodeId) = await MeetingWithASilentNodeAsync();
        await DialInWithPinAsync(meeting, "dave@guest.example.com", other);
        var instance = await OnlyCallAsync(other);
        Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await PollAsync();
        Assert.Equal(1, await Convene.DbAsync(db => db.CallInstances.CountAsync(i => i.NodeId == otherNodeId, Ct)));
        using (var cms = Cluster.Client(other))
        {
            await cms.DeleteCallAsync(instance, Ct);
        }

        await PollAsync();

        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(i => i.NodeId == otherNodeId, Ct)));
    }

    /// <summary>The host's only call of the space is the meeting's own: its poll lists the legs and never the calls.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Poll_EveryMeetingHostedOnTheSilentNode_DoesNotListItsCalls()
    {
        var (meeting, host, _, _) = await MeetingWithASilentNodeAsync();
        await CdrsStoredAsync();
        using (var cms = Cluster.Client(host))
        {
            foreach (var receiver in await cms.ListCdrReceiversAsync(Ct).ToListAsync(Ct))
            {
                await cms.DeleteCdrReceiverAsync(receiver.Id, Ct);
            }
        }
        Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var before = await SnapshotAsync();

        Assert.Equal(1, await PollAsync());

        var sent = (await SinceAsync(before)).Where(r => r.Node == Cluster.Nodes[host].Name).Select(r => r.Line.Split('?')[0]).ToList();
        Assert.Equal([$"GET /api/v1/calls/{meeting.CallId}/callLegs"], sent.Where(l => l.StartsWith("GET /api/v1/calls", StringComparison.Ordinal)));
    }
}

public sealed class LivePollingInstanceTests_Sqlite() : LivePollingInstanceTests(DatabaseKind.Sqlite, null);

public sealed class LivePollingInstanceTests_Postgres(PostgresServer postgres) : LivePollingInstanceTests(DatabaseKind.Postgres, postgres);
