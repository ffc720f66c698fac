using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The meeting lease across instances: a second instance's reconciliation leaves a meeting alone while the first
/// is starting it (no CMS request for it), a lease whose holder stopped is taken over once it expires, and a restart
/// resumes at once a meeting whose lease the crashed process left.</summary>
public abstract class MeetingLeaseTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    private const string Crashed = "crashed-host-0123456789ab";

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_WhileAnotherInstanceIsStartingTheMeeting_SendsNoRequestForIt()
    {
        await StartWithPlaceholdersAsync(requestTimeout: "01:00:00"); // the clock moves on while the bridge holds answers
        var other = Second();
        var id = await BookDueAsync();
        var waits = Convene.Clock.Made(TimeSpan.FromSeconds(10));
        var before = await SnapshotAsync();
        Faults(0, new NodeFaults { Latency = TimeSpan.FromSeconds(10) }); // each request waits for the clock to move on

        var starting = Convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
        await UntilAsync(async _ => (await SinceAsync(before)).Count > 0, "the first instance's first request of the start");
        var held = await SnapshotAsync();
        var midStart = await StoredAsync(id);
        await other.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        Assert.Empty(await SinceAsync(held));
        Assert.Equal((MeetingState.Starting, Convene.Services.GetRequiredService<MeetingLeases>().Owner), (midStart.State, midStart.LeaseOwner));
        Faults(0, new NodeFaults());
        await Convene.Clock.RunUntilAsync(starting, TimeSpan.FromSeconds(10), waits);
        await starting;
        var running = await StoredAsync(id);
        Assert.Equal((MeetingState.Running, null), (running.State, running.LeaseOwner));
        var lines = (await SinceAsync(before)).Select(r => r.Line).ToList();
        var put = $"PUT /api/v1/coSpaces/{await SpaceIdAsync(running)}";
        Assert.Equal(1, lines.Count(l => l == put));
        Assert.Equal(1, lines.Count(l => l == "POST /api/v1/calls"));
        Assert.Equal(1, lines.Count(l => l == $"POST /api/v1/calls/{running.CallId}/callLegs"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Reconcile_LeaseOfAStoppedInstance_IsLeftUntilItExpiresThenTakenOver()
    {
        await StartWithPlaceholdersAsync();
        var id = await BookDueAsync();
        var until = await LeftStartingAsync(id);
        var before = await SnapshotAsync();
        var reconciler = Convene.Services.GetRequiredService<LifecycleReconciler>();

        await reconciler.ReconcileAllAsync(Ct);
        Assert.Empty(await SinceAsync(before));
        var left = await StoredAsync(id);
        Assert.Equal((MeetingState.Starting, Crashed), (left.State, left.LeaseOwner));

        Convene.Clock.AdjustTime(until);
        await reconciler.ReconcileAllAsync(Ct);
        var running = await StoredAsync(id);
        Assert.Equal((MeetingState.Running, null), (running.State, running.LeaseOwner));
        var lines = (await SinceAsync(before)).Select(r => r.Line).ToList();
        var put = $"PUT /api/v1/coSpaces/{await SpaceIdAsync(running)}";
        Assert.Equal(1, lines.Count(l => l == put));
        Assert.Equal(1, lines.Count(l => l == "POST /api/v1/calls"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Restart_WithALeaseTheCrashedProcessLeft_ResumesAtOnce()
    {
        await StartWithPlaceholdersAsync();
        var id = await BookDueAsync();
        await LeftStartingAsync(id);
        var before = await SnapshotAsync();

        var restarted = Second();
        await restarted.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var running = await StoredAsync(id);
        Assert.Equal((MeetingState.Running, null), (running.State, running.LeaseOwner));
        Assert.True(running.LeaseUntilUtc is null);
        Assert.Equal(1, (await SinceAsync(before)).Count(r => r.Line == "POST /api/v1/calls"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Trigger_WhileAnotherInstanceHoldsTheMeeting_SendsNothingAndReconciliationEndsItOnceTheLeaseExpires()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        Convene.Clock.AdjustTime(meeting.EndUtc);
        var until = Convene.Clock.GetUtcNow().AddMinutes(2);
        await Convene.DbAsync(db => db.Meetings.Where(m => m.Id == meeting.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, Crashed).SetProperty(m => m.LeaseUntilUtc, until), Ct));
        var before = await SnapshotAsync();
        var engine = Convene.Services.GetRequiredService<LifecycleEngine>();

        var busy = await Assert.ThrowsAsync<ProblemException>(() => engine.RunAsync(meeting.Id, TransitionKind.End, 0, Ct));

        Assert.Equal((409, MeetingLeases.BusyType), (busy.Status, busy.Type));
        Assert.Empty(await SinceAsync(before));
        Assert.Equal(MeetingState.Running, (await StoredAsync(meeting.Id)).State);
        Convene.Clock.AdjustTime(until);
        await Convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);
        Assert.Equal(MeetingState.Ended, (await StoredAsync(meeting.Id)).State);
        Assert.Single(await SinceAsync(before), r => r.Line.StartsWith("DELETE /api/v1/calls/", StringComparison.Ordinal));
    }

    /// <summary>Another Convene on the same database (a second instance, or this one restarted), on this one's time.</summary>
    private ConveneFactory Second()
    {
        var other = StartConvene(Convene.Database, s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            s["Convene:Cms:RequestTimeout"] = "01:00:00";
        });
        other.Clock.AdjustTime(Convene.Clock.GetUtcNow());
        return other;
    }

    /// <summary>Books (as rows) an Automatic meeting with one dial-out on the first placeholder, due to open now.</summary>
    private Task<Guid> BookDueAsync() => Convene.DbAsync(async db =>
    {
        var p = (await db.Placeholders.Where(x => x.BridgeId == Bridge.Id).ToListAsync(Ct)).OrderBy(x => x.NumericId).First();
        var start = Convene.Clock.GetUtcNow().AddMinutes(5);
        var m = new Meeting
        {
            Id = Guid.NewGuid(), BridgeId = Bridge.Id, Title = "Board meeting", TimeZone = "UTC", OrganizerName = "alice",
            StartUtc = start, EndUtc = start.AddMinutes(30), StartLocal = start.UtcDateTime, EndLocal = start.AddMinutes(30).UtcDateTime,
            HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start.AddMinutes(30), PlaceholderId = p.Id, NumericId = p.NumericId,
            Launch = LaunchType.Automatic, Pin = "1234", EarlyJoinMinutes = 5,
            Participants = [new MeetingParticipant { Id = Guid.NewGuid(), Address = "bob@example.com", DialOut = true, OwnerId = Guid.NewGuid() }],
        };
        db.Meetings.Add(m);
        await db.SaveChangesAsync(Ct);
        return m.Id;
    });

    /// <summary>What a process killed right after saving Starting leaves: the meeting Starting, nothing on the bridge yet, and
    /// its lease held for <c>LeaseDuration</c> (2 min) by an instance that no longer runs. Returns the lease's expiry.</summary>
    private async Task<DateTimeOffset> LeftStartingAsync(Guid id)
    {
        var until = Convene.Clock.GetUtcNow().AddMinutes(2);
        await Convene.DbAsync(db => db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MeetingState.Starting)
            .SetProperty(m => m.LeaseOwner, Crashed).SetProperty(m => m.LeaseUntilUtc, until), Ct));
        return until;
    }
}

public sealed class MeetingLeaseTests_Sqlite() : MeetingLeaseTests(DatabaseKind.Sqlite, null);

public sealed class MeetingLeaseTests_Postgres(PostgresServer postgres) : MeetingLeaseTests(DatabaseKind.Postgres, postgres);
