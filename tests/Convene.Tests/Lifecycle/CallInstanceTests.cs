using System.Net;
using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The end deletes the call on every node hosting an instance of it, known from the nodes' callStart CDRs;
/// an instance on a node that did not answer is deleted by reconciliation; and each participant leaves the timeline
/// once at the end, whichever source saw it first.</summary>
public abstract class CallInstanceTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    private static bool OnTheBridge(CmsRequest r) => !r.Line.Contains("/system/", StringComparison.Ordinal);

    /// <summary>Someone dials in on the node that does not host the call, which makes an instance there; returns that
    /// node's index and the instance's call id once Convene has its callStart.</summary>
    private async Task<(int Node, string CallId)> InstanceElsewhereAsync(Meeting meeting)
    {
        var other = 1 - await HostIndexAsync(meeting);
        await DialInWithPinAsync(meeting, "dave@guest.example.com", other);
        var nodeId = await Convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == Bridge.Id && n.Name == Cluster.Nodes[other].Name).Select(n => n.Id).SingleAsync(Ct));
        await UntilAsync(db => db.CallInstances.AnyAsync(i => i.MeetingId == meeting.Id && i.NodeId == nodeId, Ct), "the other node's callStart recorded");
        var callId = await Convene.DbAsync(db => db.CallInstances.Where(i => i.MeetingId == meeting.Id && i.NodeId == nodeId).Select(i => i.CallId).SingleAsync(Ct));
        Assert.NotEqual(meeting.CallId, callId);
        return (other, callId);
    }

    [Fact(Timeout = 120_000)]
    public async Task End_WithAnInstanceOnAnotherNode_DeletesTheCallOnEachNode()
    {
        await StartWithPlaceholdersAsync(nodes: 2);
        var meeting = await RunningAsync(LaunchType.Manual);
        var host = await HostIndexAsync(meeting);
        var (other, instance) = await InstanceElsewhereAsync(meeting);
        var before = await SnapshotAsync();

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/meetings/{meeting.Id}/end", null, Ct)).StatusCode);

        var sent = (await SinceAsync(before)).Where(OnTheBridge).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{await SpaceIdAsync(meeting)}", $"DELETE /api/v1/calls/{meeting.CallId}"],
            sent.Where(r => r.Node == Cluster.Nodes[host].Name).Select(r => r.Line));
        Assert.Equal([$"DELETE /api/v1/calls/{instance}"], sent.Where(r => r.Node == Cluster.Nodes[other].Name).Select(r => r.Line));
        using (var cms = Cluster.Client(other))
        {
            Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        }
        Assert.Equal(MeetingState.Ended, (await StoredAsync(meeting.Id)).State);
        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(Ct)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_InstanceOnANodeBusyAtTheEnd_IsDeletedOnceItAnswers()
    {
        await StartWithPlaceholdersAsync(nodes: 2);
        var meeting = await RunningAsync(LaunchType.Manual);
        var (other, instance) = await InstanceElsewhereAsync(meeting);
        Faults(other, new NodeFaults { Busy = true });

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/meetings/{meeting.Id}/end", null, Ct)).StatusCode);

        Assert.Equal(MeetingState.Ended, (await StoredAsync(meeting.Id)).State);
        Assert.Equal(instance, await Convene.DbAsync(db => db.CallInstances.Select(i => i.CallId).SingleAsync(Ct)));
        Faults(other, new NodeFaults());
        var before = await SnapshotAsync();

        await Convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        Assert.Equal([$"DELETE /api/v1/calls/{instance}"], (await SinceAsync(before)).Where(OnTheBridge).Select(r => r.Line));
        using (var cms = Cluster.Client(other))
        {
            Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        }
        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(Ct)));
        Assert.Contains(await EventsAsync(meeting.Id), e => e.Text.StartsWith("Reconciliation deleted 1 call instance", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task End_SingleNodeWithCdrs_TwoRequestsAndEachParticipantLeavesOnceThoughTheCdrsComeFirst()
    {
        await StartWithPlaceholdersAsync(requestTimeout: "01:00:00"); // the clock moves on while answers are held
        var meeting = await RunningAsync(LaunchType.Automatic, "bob@example.com", "carol@example.com");
        Advance(TimeSpan.FromMilliseconds(300));
        foreach (var p in meeting.Participants)
        {
            await WhenAsync(p.Id, x => x.State == ParticipantState.Ringing, "Ringing");
        }
        Advance(TimeSpan.FromMilliseconds(1500));
        foreach (var p in meeting.Participants)
        {
            await WhenAsync(p.Id, x => x.State == ParticipantState.Connected, "Connected");
        }
        await UntilAsync(db => db.CallInstances.AnyAsync(i => i.CallId == meeting.CallId, Ct), "the call's own callStart recorded");
        var seen = await Convene.DbAsync(db => db.CdrRecordsSeen.CountAsync(Ct));
        // The bridge holds each answer until the clock moves: the DELETE's callLegEnd and callEnd CDRs are processed
        // before the end hears that the DELETE succeeded.
        var hold = TimeSpan.FromSeconds(10);
        Faults(0, new NodeFaults { AnswerLatency = hold });
        var before = await SnapshotAsync();
        await using var listening = await ConveneEvents.ListenAsync(Convene);
        var held = Convene.Clock.Made(hold);

        var ending = Admin.PostAsync($"/api/meetings/{meeting.Id}/end", null, Ct);
        // Each answer the bridge holds (a timer of the hold's length on the clock) is let go by moving the clock on,
        // until the DELETE has arrived: its answer stays held. The count is read before the trace, and the bridge logs a
        // request before it holds its answer, so a hold counted here whose request is the DELETE is never let go.
        await listening.UntilAsync(async () =>
        {
            var made = Convene.Clock.Made(hold);
            if ((await SinceAsync(before)).Any(r => r.Line.StartsWith("DELETE", StringComparison.Ordinal)))
            {
                return true;
            }
            if (made > held)
            {
                held = made;
                Convene.Clock.Advance(hold);
            }
            return false;
        }, deleted => deleted, "the end's DELETE at the bridge");
        await UntilAsync(async db => await db.CdrRecordsSeen.CountAsync(Ct) >= seen + 3, "the end's CDRs processed");
        Convene.Clock.Advance(hold);

        Assert.Equal(HttpStatusCode.OK, (await ending.WaitAsync(ConveneEvents.Bound, Ct)).StatusCode);
        Assert.Equal([$"PUT /api/v1/coSpaces/{await SpaceIdAsync(meeting)}", $"DELETE /api/v1/calls/{meeting.CallId}"],
            (await SinceAsync(before)).Where(OnTheBridge).Select(r => r.Line));
        var events = await EventsAsync(meeting.Id);
        foreach (var p in meeting.Participants)
        {
            Assert.Single(events, e => e.ParticipantId == p.Id && e.Text.Contains("Disconnected", StringComparison.Ordinal));
            Assert.Equal("meetingEnded", (await ParticipantAsync(p.Id)).Reason);
        }
        Assert.Equal(0, await Convene.DbAsync(db => db.CallInstances.CountAsync(Ct)));
    }
}

public sealed class CallInstanceTests_Sqlite() : CallInstanceTests(DatabaseKind.Sqlite, null);

public sealed class CallInstanceTests_Postgres(PostgresServer postgres) : CallInstanceTests(DatabaseKind.Postgres, postgres);
