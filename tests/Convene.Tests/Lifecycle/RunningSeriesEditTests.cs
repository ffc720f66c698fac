using System.Net;
using Convene.Cms.Simulator;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>PATCH with <c>series=true</c> on a running occurrence: the later Booked occurrences change only when the
/// running one's change is kept, so that an undo after the bridge refused it leaves the whole series as it was.</summary>
public abstract class RunningSeriesEditTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    /// <summary>A running occurrence of a weekly series and the next one, Booked on the same placeholder a week later.</summary>
    private async Task<(Meeting Running, Meeting Later)> RunningSeriesAsync()
    {
        await StartWithPlaceholdersAsync();
        var running = await RunningAsync(LaunchType.Manual);
        var later = await Convene.DbAsync(async db =>
        {
            var series = new MeetingSeries
            {
                Id = Guid.NewGuid(), Recurrence = "FREQ=WEEKLY;COUNT=2", TimeZone = "UTC", FirstStartLocal = running.StartLocal, FirstEndLocal = running.EndLocal,
                ExpandedUntilUtc = running.EndUtc.AddDays(7), IsOpenEnded = false,
            };
            db.MeetingSeries.Add(series);
            var row = await db.Meetings.SingleAsync(m => m.Id == running.Id, Ct);
            row.SeriesId = series.Id;
            var next = new Meeting
            {
                Id = Guid.NewGuid(), BridgeId = running.BridgeId, Title = running.Title, TimeZone = "UTC", OrganizerName = "alice", SeriesId = series.Id,
                StartUtc = running.StartUtc.AddDays(7), EndUtc = running.EndUtc.AddDays(7), StartLocal = running.StartLocal.AddDays(7),
                EndLocal = running.EndLocal.AddDays(7), HoldFromUtc = running.HoldFromUtc.AddDays(7), HoldUntilUtc = running.HoldUntilUtc.AddDays(7),
                PlaceholderId = running.PlaceholderId, NumericId = running.NumericId, Launch = LaunchType.Manual, Pin = running.Pin, EarlyJoinMinutes = 5,
                State = MeetingState.Booked,
            };
            db.Meetings.Add(next);
            await db.SaveChangesAsync(Ct);
            return next;
        });
        return (await StoredAsync(running.Id), await StoredAsync(later.Id));
    }

    private async Task<HttpResponseMessage> PatchSeriesAsync(Meeting running, object body)
    {
        using var read = await Admin.GetAsync($"/api/meetings/{running.Id}", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/meetings/{running.Id}?series=true") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        return await Admin.SendAsync(request, Ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task PatchSeries_RunningWhenTheSpaceRefuses_LaterOccurrencesKeptAsTheyWere()
    {
        var (running, later) = await RunningSeriesAsync();
        Faults(0, new NodeFaults { Refusals = [new RequestRefusal { Method = "PUT", PathContains = "/coSpaces/", Status = 400, Reason = "duplicateCoSpaceIdPasscode" }] });

        using var response = await PatchSeriesAsync(running, new { title = "Budget review", pin = "98765", extendMode = "OnRequest" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var now = await StoredAsync(running.Id);
        Assert.Equal((running.Title, running.Pin, running.ExtendMode), (now.Title, now.Pin, now.ExtendMode));
        var next = await StoredAsync(later.Id);
        Assert.Equal((later.Title, later.Pin, later.ExtendMode, later.Version), (next.Title, next.Pin, next.ExtendMode, next.Version));
    }

    [Fact(Timeout = 120_000)]
    public async Task PatchSeries_RunningWhenTheSpaceTakesIt_LaterOccurrencesChangeToo()
    {
        var (running, later) = await RunningSeriesAsync();

        using var response = await PatchSeriesAsync(running, new { title = "Budget review", pin = "98765" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Budget review", "98765"), ((await StoredAsync(running.Id)).Title, (await StoredAsync(running.Id)).Pin));
        var next = await StoredAsync(later.Id);
        Assert.Equal(("Budget review", "98765", later.Version + 1), (next.Title, next.Pin, next.Version));
    }
}

public sealed class RunningSeriesEditTests_Sqlite() : RunningSeriesEditTests(DatabaseKind.Sqlite, null);

public sealed class RunningSeriesEditTests_Postgres(PostgresServer postgres) : RunningSeriesEditTests(DatabaseKind.Postgres, postgres);
