using Convene.Bridges;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>Two Convene instances on one PostgreSQL, Quartz clustered: meetings starting at the same moment are each
/// opened once and ended once (the simulator's trace), with no placeholder left open and no call left behind.</summary>
public sealed class LifecycleClusterTests_Postgres(PostgresServer postgres) : ServiceTest(DatabaseKind.Postgres, postgres)
{
    private const int Meetings = 8;

    [Fact(Timeout = 240_000)]
    public async Task TwoInstances_ManyMeetingsAtOnce_EachOpensOnceAndEndsOnce()
    {
        var cluster = await StartClusterAsync(1);
        var database = await NewDatabaseAsync();
        var first = StartConvene(database);
        var client = first.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, Meetings));
        await first.ProvisioningIdleAsync(bridge.Id);
        var second = StartConvene(database, awaitStartUpJobs: false); // the first instance may run its start-up jobs
        second.Clock.AdjustTime(first.Clock.GetUtcNow());
        await using var events = await ConveneEvents.ListenAsync(first, second);
        var placeholders = await first.DbAsync(db => db.Placeholders.AsNoTracking().Where(p => p.BridgeId == bridge.Id).OrderBy(p => p.NumericId).ToListAsync(Ct));
        var start = first.Clock.GetUtcNow().AddMinutes(10);
        var ids = await first.DbAsync(async db =>
        {
            var made = placeholders.Select(p => new Meeting
            {
                Id = Guid.NewGuid(), BridgeId = bridge.Id, Title = $"Meeting {p.NumericId}", TimeZone = "UTC", StartUtc = start, EndUtc = start.AddMinutes(30),
                StartLocal = start.UtcDateTime, EndLocal = start.AddMinutes(30).UtcDateTime, HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start.AddMinutes(30),
                PlaceholderId = p.Id, NumericId = p.NumericId, Launch = LaunchType.Automatic, EarlyJoinMinutes = 0, EndWarnings = "",
                Participants = [new MeetingParticipant { Id = Guid.NewGuid(), Address = $"guest{p.NumericId}@example.com", DialOut = true, OwnerId = Guid.NewGuid() }],
            }).ToList();
            db.Meetings.AddRange(made);
            await db.SaveChangesAsync(Ct);
            return made.Select(m => m.Id).ToList();
        });
        await events.UntilAsync(() => TriggersAsync(first), n => n >= Meetings * 2, "the start and end triggers of every meeting");
        var before = (await RequestsAsync(cluster)).Count;

        AdvanceBoth(first, second, start);
        await events.UntilAsync(() => CountAsync(first, MeetingState.Running), n => n == Meetings, "every meeting running");
        AdvanceBoth(first, second, start.AddMinutes(30));
        await events.UntilAsync(() => CountAsync(first, MeetingState.Ended), n => n == Meetings, "every meeting ended");

        var requests = (await RequestsAsync(cluster)).Skip(before).ToList();
        var lines = requests.Select(r => r.Line).ToList();
        Assert.Equal(Meetings, lines.Count(l => l == "POST /api/v1/calls"));
        Assert.Equal(Meetings, lines.Count(l => l.StartsWith("DELETE /api/v1/calls/", StringComparison.Ordinal)));
        Assert.Equal(Meetings, lines.Count(l => l.EndsWith("/callLegs", StringComparison.Ordinal) && l.StartsWith("POST", StringComparison.Ordinal)));
        foreach (var p in placeholders)
        {
            var puts = requests.Where(r => r.Line == $"PUT /api/v1/coSpaces/{p.SpaceId}").ToList();
            Assert.True(puts.Count == 2, $"opened once, closed once; got: {string.Join(" | ", puts.Select(r => r.Body))}");
        }
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(Meetings, ids.Count);
    }

    private static void AdvanceBoth(ConveneFactory a, ConveneFactory b, DateTimeOffset to)
    {
        a.Clock.Advance(to - a.Clock.GetUtcNow());
        b.Clock.Advance(to - b.Clock.GetUtcNow());
    }

    private static Task<int> CountAsync(ConveneFactory convene, MeetingState state) =>
        convene.DbAsync(db => db.Meetings.CountAsync(m => m.State == state, Ct));

    private static Task<int> TriggersAsync(ConveneFactory convene) => convene.DbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group <> 'convene'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    });
}
