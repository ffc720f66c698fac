using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>AutomaticBestEffort decides before the end (one minute before the last warning): an extended meeting never
/// starts ending, a meeting not extended ends with the end's two requests alone.</summary>
public abstract class LifecycleAutoExtendTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    private static Task<int> BestEffortAsync(ConveneFactory convene, Guid id) => convene.DbAsync(db => db.Meetings.Where(m => m.Id == id)
        .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExtendMode, ExtendMode.AutomaticBestEffort), Ct));

    [Fact]
    public void ExtendCheckAt_DefaultWarnings_IsTwoMinutesBeforeTheEnd()
    {
        var end = new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal(end.AddMinutes(-2), TransitionPlan.ExtendCheckAt(end, "5,1"));
        Assert.Equal(end.AddMinutes(-1), TransitionPlan.ExtendCheckAt(end, ""));
        Assert.Equal(end.AddMinutes(-11), TransitionPlan.ExtendCheckAt(end, "10,15"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_SomeoneConnectedAndPlaceholderFree_ExtendsBeforeTheEndWhichThenNeverStarts()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await BestEffortAsync(convene, booked.Id);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-5)); // the 5-minute warning
        var running = await MeetingAsync(convene, booked.Id);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-2));

        var extended = await MeetingAsync(convene, booked.Id);
        Assert.Equal((MeetingState.Running, booked.EndUtc.AddMinutes(15), 1), (extended.State, extended.EndUtc, extended.Extensions));
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}"], await LinesAfterAsync(cluster, before));

        // The old end's last warning and the old end pass without a request: nothing ends, nothing warns.
        var afterCheck = (await RequestsAsync(cluster)).Count;
        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-1));
        await RunAtAsync(convene, booked.EndUtc);
        Assert.Empty(await LinesAfterAsync(cluster, afterCheck));
        Assert.Equal(MeetingState.Running, (await MeetingAsync(convene, booked.Id)).State);
        var timeline = await convene.DbAsync(db => db.MeetingEvents.Where(e => e.MeetingId == booked.Id).Select(e => e.Text).ToListAsync(Ct));
        Assert.DoesNotContain(timeline, t => t.StartsWith("Ending", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_NobodyConnected_NotExtendedAndTheEndSendsOnlyItsTwoRequests()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        await BestEffortAsync(convene, booked.Id);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-5)); // the 5-minute warning
        var running = await MeetingAsync(convene, booked.Id);
        var space = await PlaceholderAsync(convene, booked.PlaceholderId!.Value);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-2));
        Assert.Equal([$"GET /api/v1/calls/{running.CallId}"], await LinesAfterAsync(cluster, before));
        Assert.Equal((booked.EndUtc, 0), ((await MeetingAsync(convene, booked.Id)).EndUtc, (await MeetingAsync(convene, booked.Id)).Extensions));

        var afterCheck = (await RequestsAsync(cluster)).Count;
        await RunAtAsync(convene, booked.EndUtc);
        Assert.Equal(MeetingState.Ended, (await MeetingAsync(convene, booked.Id)).State);
        Assert.Equal([$"PUT /api/v1/coSpaces/{space.SpaceId}", $"DELETE /api/v1/calls/{running.CallId}"], await LinesAfterAsync(cluster, afterCheck));
        var timeline = await convene.DbAsync(db => db.MeetingEvents.Where(e => e.MeetingId == booked.Id).Select(e => e.Text).ToListAsync(Ct));
        Assert.Contains("Not extended automatically: nobody is connected.", timeline);
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_PlaceholderBookedAfter_NotExtendedWithoutAskingTheBridge()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5 + 30 + 10), TimeSpan.FromMinutes(30)); // holds from 5 min after the end
        await BestEffortAsync(convene, booked.Id);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-5)); // the 5-minute warning
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.EndUtc.AddMinutes(-2));

        Assert.Empty(await LinesAfterAsync(cluster, before));
        Assert.Equal(0, (await MeetingAsync(convene, booked.Id)).Extensions);
        var timeline = await convene.DbAsync(db => db.MeetingEvents.Where(e => e.MeetingId == booked.Id).Select(e => e.Text).ToListAsync(Ct));
        Assert.Contains(timeline, t => t.StartsWith("Not extended automatically: The placeholder is booked by", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task Check_EveryTimeSomeoneStays_ExtendsAtMostSixteenTimes()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        await BestEffortAsync(convene, booked.Id);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        for (var i = 1; i <= 16; i++)
        {
            var current = await MeetingAsync(convene, booked.Id);
            await RunAtAsync(convene, TransitionPlan.ExtendCheckAt(current.EndUtc, current.EndWarnings));
            Assert.Equal(i, (await MeetingAsync(convene, booked.Id)).Extensions);
        }
        var last = await MeetingAsync(convene, booked.Id);
        Assert.Equal(booked.EndUtc.AddMinutes(16 * 15), last.EndUtc);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, TransitionPlan.ExtendCheckAt(last.EndUtc, last.EndWarnings));
        await RunAtAsync(convene, last.EndUtc);

        var ended = await MeetingAsync(convene, booked.Id);
        Assert.Equal((MeetingState.Ended, 16, last.EndUtc), (ended.State, ended.Extensions, ended.EndUtc));
        Assert.DoesNotContain(await LinesAfterAsync(cluster, before), l => l.StartsWith($"GET /api/v1/calls/{last.CallId}", StringComparison.Ordinal));
    }
}

public sealed class LifecycleAutoExtendTests_Sqlite() : LifecycleAutoExtendTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleAutoExtendTests_Postgres(PostgresServer postgres) : LifecycleAutoExtendTests(DatabaseKind.Postgres, postgres);
