using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>Clustered (PostgreSQL, Quartz on): a lease held by an instance that checks in is refused to the others (409
/// meeting-busy), and one held by an instance Quartz's check-in table does not know (dead and swept) is taken over at once,
/// long before it expires.</summary>
public sealed class MeetingLeaseLivenessTests_Postgres(PostgresServer postgres) : ServiceTest(DatabaseKind.Postgres, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Take_Clustered_RefusedWhileTheHolderChecksInTakenOverFromOneTheClusterDoesNotKnow()
    {
        var cluster = await StartClusterAsync(1);
        var database = await NewDatabaseAsync();
        var first = StartConvene(database);
        var bridge = await AddBridgeAsync(first.Client(), cluster);
        var second = StartConvene(database);
        second.Clock.AdjustTime(first.Clock.GetUtcNow());
        var holder = second.Services.GetRequiredService<MeetingLeases>().Owner;
        var liveness = first.Services.GetRequiredService<MeetingLeaseLiveness>();
        Assert.True(liveness.Clustered);
        var started = TimeProvider.System.GetTimestamp();
        while (await liveness.IsDeadAsync(holder, Ct))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "The second instance never checked in.");
            await Task.Delay(50, Ct);
        }
        var id = await BookAsync(first, bridge.Id);
        var until = first.Clock.GetUtcNow().AddMinutes(2);
        var leases = first.Services.GetRequiredService<MeetingLeases>();

        await HoldAsync(first, id, holder, until);
        var busy = await Assert.ThrowsAsync<ProblemException>(() => leases.TakeAsync(id, Ct));
        Assert.Equal((409, MeetingLeases.BusyType), (busy.Status, busy.Type));

        await HoldAsync(first, id, "gone-host-0123456789ab", until);
        await using (var lease = await leases.TakeAsync(id, Ct))
        {
            Assert.Equal("gone-host-0123456789ab", lease.TakenFrom);
            Assert.Equal(leases.Owner, await first.DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.LeaseOwner).SingleAsync(Ct)));
        }
        Assert.Null(await first.DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.LeaseOwner).SingleAsync(Ct)));
    }

    [Fact(Timeout = 120_000)]
    public async Task StartUp_WithQuartzOffBesideACluster_LeavesTheClustersLeases()
    {
        var cluster = await StartClusterAsync(1);
        var database = await NewDatabaseAsync();
        var first = StartConvene(database);
        var bridge = await AddBridgeAsync(first.Client(), cluster);
        var holder = first.Services.GetRequiredService<MeetingLeases>().Owner;
        var started = TimeProvider.System.GetTimestamp();
        while (await first.DbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync(Ct)) == 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "The cluster never checked in.");
            await Task.Delay(50, Ct);
        }
        var id = await BookAsync(first, bridge.Id);
        await HoldAsync(first, id, holder, first.Clock.GetUtcNow().AddMinutes(2));

        var tool = StartConvene(database, s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        await tool.Services.GetRequiredService<LifecycleReconciler>().StartAsync(Ct);

        Assert.Equal(holder, await first.DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.LeaseOwner).SingleAsync(Ct)));
    }

    private static Task<int> HoldAsync(ConveneFactory convene, Guid id, string owner, DateTimeOffset until) => convene.DbAsync(db =>
        db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntilUtc, until), Ct));

    /// <summary>A booked meeting a day from now, holding no placeholder: only its row matters here.</summary>
    private static Task<Guid> BookAsync(ConveneFactory convene, Guid bridgeId) => convene.DbAsync(async db =>
    {
        var start = convene.Clock.GetUtcNow().AddDays(1);
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), BridgeId = bridgeId, Title = "Board meeting", TimeZone = "UTC", StartUtc = start, EndUtc = start.AddMinutes(30),
            StartLocal = start.UtcDateTime, EndLocal = start.AddMinutes(30).UtcDateTime, HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start.AddMinutes(30),
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(Ct);
        return meeting.Id;
    });
}
