using System.Net;
using System.Net.Http.Json;
using Convene.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Tests.Meetings;

/// <summary>Series (RRULE, EXDATE, per-occurrence changes, the rolling window) and the local-time rule across Oslo's DST changes.</summary>
public abstract class SeriesTests(DatabaseKind kind, PostgresServer? postgres) : BookingTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Book_WeeklyAcrossSpringDstChange_KeepsLocalTime()
    {
        await StartAsync();
        await AddBridgeAsync(2);

        // Oslo moves to summer time on Sunday 2027-03-28.
        var series = await BookAsync(Request(start: "2027-03-14T10:00:00", end: "2027-03-14T11:00:00", recurrence: "FREQ=WEEKLY;COUNT=4"));

        Assert.NotNull(series.SeriesId);
        Assert.Equal("FREQ=WEEKLY;COUNT=4", series.Recurrence);
        var occurrences = series.Occurrences!;
        Assert.Equal([9, 9, 8, 8], occurrences.Select(o => o.StartUtc.UtcDateTime.Hour));
        Assert.All(occurrences, o => Assert.Equal(10, o.Start.Hour));
        Assert.Equal(4, occurrences.Select(o => o.Id).Distinct().Count());
        Assert.All(occurrences, o => Assert.Equal(1000, o.NumericId));
        var third = await GetAsync(occurrences[2].Id);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 8, 0, 0, TimeSpan.Zero), third.StartUtc);
        Assert.Equal(series.SeriesId, third.SeriesId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_DailyAcrossAutumnDstChange_KeepsLocalTime()
    {
        await StartAsync();
        await AddBridgeAsync(1);

        // Oslo returns to standard time on Sunday 2027-10-31.
        var series = await BookAsync(Request(start: "2027-10-30T10:00:00", end: "2027-10-30T10:30:00", recurrence: "FREQ=DAILY;COUNT=3"));

        Assert.Equal([8, 9, 9], series.Occurrences!.Select(o => o.StartUtc.UtcDateTime.Hour));
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_NonexistentLocalTime_ShiftedForwardByTheGapAndSaid()
    {
        await StartAsync();
        await AddBridgeAsync(1);

        var meeting = await BookAsync(Request(start: "2027-03-28T02:30:00", end: "2027-03-28T04:00:00"));

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), meeting.StartUtc);
        var note = Assert.Single(meeting.TimeNotes!);
        Assert.Contains("does not exist", note, StringComparison.Ordinal);
        Assert.Contains("2027-03-28T03:30:00", note, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_AmbiguousLocalTime_TakesTheEarlierInstantAndSaysSo()
    {
        await StartAsync();
        await AddBridgeAsync(1);

        var meeting = await BookAsync(Request(start: "2027-10-31T02:30:00", end: "2027-10-31T04:00:00"));

        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), meeting.StartUtc);
        Assert.Contains("earlier", Assert.Single(meeting.TimeNotes!), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_WithExceptionDate_LeavesThatOccurrenceOut()
    {
        await StartAsync();
        await AddBridgeAsync(1);

        var series = await BookAsync(Request(start: "2026-12-01T10:00:00", end: "2026-12-01T11:00:00", recurrence: "FREQ=DAILY;COUNT=4",
            exceptionDates: ["2026-12-02T10:00:00"]));

        Assert.Equal([1, 3, 4], series.Occurrences!.Select(o => o.Start.Day));
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_SeriesWithOneOccurrenceBlocked_RefusesNamingItAndSavesNothing()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var blocker = await BookAsync(Request(start: "2026-12-03T10:30:00", end: "2026-12-03T11:30:00"));

        var problem = await ProblemAsync(await Admin.PostAsJsonAsync("/api/meetings",
            Request(start: "2026-12-01T10:00:00", end: "2026-12-01T11:00:00", recurrence: "FREQ=DAILY;COUNT=5"), Ct), HttpStatusCode.Conflict);

        Assert.Contains("2026-12-03T10:00:00", problem.Detail, StringComparison.Ordinal);
        Assert.Contains(blocker.Id.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await Convene.DbAsync(db => Task.FromResult(db.Meetings.Count())));
        Assert.Equal(0, await Convene.DbAsync(db => Task.FromResult(db.MeetingSeries.Count())));
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_OneOccurrence_ChangesOnlyItAndMakesItAnException()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var series = await BookAsync(Request(recurrence: "FREQ=DAILY;COUNT=3"));
        var second = series.Occurrences![1];

        var patched = await PatchAsync(second.Id, new { title = "Moved", start = "2026-12-02T14:00:00", end = "2026-12-02T15:00:00" }, 1);

        Assert.Equal("Moved", patched.Title);
        Assert.True(patched.IsException);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 13, 0, 0, TimeSpan.Zero), patched.StartUtc);
        Assert.Equal("Board meeting", (await GetAsync(series.Occurrences[2].Id)).Title);

        var all = await PatchAsync(series.Id, new { title = "Renamed" }, 1, series: true);
        Assert.Equal("Renamed", all.Title);
        Assert.Equal("Moved", (await GetAsync(second.Id)).Title);
        Assert.Equal("Renamed", (await GetAsync(series.Occurrences[2].Id)).Title);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_OccurrenceVersusSeries()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var series = await BookAsync(Request(recurrence: "FREQ=DAILY;COUNT=4"));
        var ids = series.Occurrences!.Select(o => o.Id).ToList();

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/meetings/{ids[1]}", Ct)).StatusCode);
        Assert.Equal([MeetingState.Booked, MeetingState.Cancelled, MeetingState.Booked, MeetingState.Booked], await StatesAsync(ids));
        Assert.Null(await Convene.DbAsync(db => Task.FromResult(db.Meetings.Single(m => m.Id == ids[1]).PlaceholderId)));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/meetings/{ids[2]}?series=true", Ct)).StatusCode);
        Assert.Equal([MeetingState.Booked, MeetingState.Cancelled, MeetingState.Cancelled, MeetingState.Cancelled], await StatesAsync(ids));
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_Endless_ExpandedOnTheWindowAndRolledOn()
    {
        await StartAsync(s => s["Convene:Meetings:SeriesWindow"] = "28.00:00:00");
        await AddBridgeAsync(1);

        var series = await BookAsync(Request(recurrence: "FREQ=WEEKLY"));

        // Window 2026-11-25 09:00Z + 28 days: 1, 8, 15 and 22 December.
        Assert.Equal([1, 8, 15, 22], series.Occurrences!.Select(o => o.Start.Day));
        // As the lifecycle engine's periodic call would do 14 days later (moving the fake clock that far would
        // fire every periodic timer of the service thousands of times).
        var later = Convene.Clock.GetUtcNow() + TimeSpan.FromDays(14 + 28);
        Assert.Equal(2, await ExtendWindowAsync(later));
        Assert.Equal(0, await ExtendWindowAsync(later));
        var starts = await Convene.DbAsync(db => Task.FromResult(db.Meetings.Where(m => m.SeriesId == series.SeriesId).Select(m => m.StartLocal).ToList()));
        Assert.Equal([1, 8, 15, 22, 29, 5], starts.Order().Select(s => s.Day));
        Assert.All(await Convene.DbAsync(db => Task.FromResult(db.Meetings.ToList())), m => Assert.Equal(1000, m.NumericId));
    }

    private async Task<int> ExtendWindowAsync(DateTimeOffset until)
    {
        await using var scope = Convene.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeriesWindow>().ExtendAsync(Ct, until);
    }

    private Task<List<MeetingState>> StatesAsync(List<Guid> ids) =>
        Convene.DbAsync(db => Task.FromResult(ids.Select(id => db.Meetings.Single(m => m.Id == id).State).ToList()));

    private async Task<MeetingDto> PatchAsync(Guid id, object change, long version, bool series = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/meetings/{id}{(series ? "?series=true" : "")}") { Content = JsonContent.Create(change) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        var response = await Admin.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<MeetingDto>(body, Json)!;
    }
}

public sealed class SeriesTests_Sqlite() : SeriesTests(DatabaseKind.Sqlite, null);

public sealed class SeriesTests_Postgres(PostgresServer postgres) : SeriesTests(DatabaseKind.Postgres, postgres);
