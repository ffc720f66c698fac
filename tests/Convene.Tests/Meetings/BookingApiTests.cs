using System.Net;
using System.Net.Http.Json;
using Convene.Meetings;

namespace Convene.Tests.Meetings;

/// <summary>POST /api/meetings: the answer's fields, placeholder allocation, the race for the last slot, availability.</summary>
public abstract class BookingApiTests(DatabaseKind kind, PostgresServer? postgres) : BookingTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Book_Single_AnswersDialInDetailsAndUtcTimes()
    {
        await StartAsync();
        var bridge = await AddBridgeAsync(3);

        var response = await Admin.PostAsJsonAsync("/api/meetings", Request(pin: "1234", participants:
            [new { address = "alice@example.com", name = "Alice", email = (string?)null, dialOut = true }, new { address = (string?)null, name = "Bob", email = "bob@example.com", dialOut = false }]), Ct);
        var meeting = await BookedAsync(response);

        Assert.Equal($"/api/meetings/{meeting.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(MeetingState.Booked, meeting.State);
        Assert.Equal(bridge, meeting.BridgeId);
        Assert.Equal(1000, meeting.NumericId);
        Assert.Equal("1000@video.example.com", meeting.Uri);
        Assert.Equal("1000", meeting.CallId);
        Assert.Equal("1234", meeting.Pin);
        Assert.Matches(@"^https://join\.example\.com/meeting/1000\?secret=[A-Za-z0-9_-]{22}$", meeting.WebLink);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), meeting.StartUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), meeting.EndUtc);
        Assert.Equal([5, 1], meeting.EndWarnings);
        Assert.Equal(5, meeting.EarlyJoinMinutes);
        Assert.Equal(LaunchType.Automatic, meeting.Launch);
        Assert.Equal("admin", meeting.Organizer);
        Assert.Null(meeting.Occurrences);
        Assert.Equal(["alice@example.com", null], meeting.Participants.Select(p => p.Address));
        Assert.All(meeting.Participants, p => Assert.Equal(ParticipantState.Waiting, p.State));
        var read = await GetAsync(meeting.Id);
        Assert.Equal(meeting.WebLink, read.WebLink);
        var secret = await Convene.DbAsync(db => Task.FromResult(db.Meetings.Single().Secret));
        Assert.EndsWith(secret!, meeting.WebLink, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_WithoutWebBridge_HasNoWebLink()
    {
        await StartAsync();
        await AddBridgeAsync(1, webBridge: null);

        var meeting = await BookAsync(Request());

        Assert.Null(meeting.WebLink);
        Assert.Equal("1000@video.example.com", meeting.Uri);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_Overlapping_TakesLowestFreePlaceholder()
    {
        await StartAsync();
        await AddBridgeAsync(3);
        var first = await BookAsync(Request());
        var second = await BookAsync(Request(start: "2026-12-01T10:30:00", end: "2026-12-01T11:30:00"));
        var third = await BookAsync(Request(start: "2026-12-01T10:15:00", end: "2026-12-01T10:45:00"));

        Assert.Equal([1000L, 1001L, 1002L], new[] { first.NumericId, second.NumericId, third.NumericId });

        var cancel = await Admin.DeleteAsync($"/api/meetings/{second.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var fourth = await BookAsync(Request(start: "2026-12-01T10:30:00", end: "2026-12-01T10:40:00"));
        Assert.Equal(1001, fourth.NumericId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_HoldIncludesEarlyJoinAndGap_RefusesTouchingBookingAndAllowsOneAfterTheGap()
    {
        await StartAsync(s => s["Convene:Meetings:GapAfterEnd"] = "00:10:00");
        await AddBridgeAsync(1);
        var first = await BookAsync(Request(start: "2026-12-01T10:00:00", end: "2026-12-01T11:00:00"));

        // Held until 11:10; a meeting at 11:12 with 5 minutes early join wants it from 11:07.
        var refused = await Admin.PostAsJsonAsync("/api/meetings", Request(start: "2026-12-01T11:12:00", end: "2026-12-01T12:00:00"), Ct);
        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains(first.Id.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Contains("placeholder 1000", problem.Detail, StringComparison.Ordinal);

        // Ends 09:50 local; with the 10-minute gap it runs into the first one's early join at 09:55.
        var before = await Admin.PostAsJsonAsync("/api/meetings", Request(start: "2026-12-01T09:00:00", end: "2026-12-01T09:50:00"), Ct);
        await ProblemAsync(before, HttpStatusCode.Conflict);

        // Holds are half-open: one may end exactly where the next begins.
        var touching = await BookAsync(Request(start: "2026-12-01T09:00:00", end: "2026-12-01T09:45:00"));
        Assert.Equal(1000, touching.NumericId);
        var later = await BookAsync(Request(start: "2026-12-01T11:15:00", end: "2026-12-01T12:00:00"));
        Assert.Equal(1000, later.NumericId);
    }

    [Fact(Timeout = 120_000)]
    public async Task Book_FiftyParallelForTheLastSlot_ExactlyOneWins()
    {
        await StartAsync();
        await AddBridgeAsync(2);
        await BookAsync(Request());

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Admin.PostAsJsonAsync("/api/meetings", Request(), Ct)));

        var codes = responses.Select(r => r.StatusCode).ToList();
        var others = await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            .Select(async r => $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync(Ct)}"));
        Assert.True(others.Length == 0, string.Join(" | ", others));
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(49, codes.Count(c => c == HttpStatusCode.Conflict));
        Assert.Equal(2, await Convene.DbAsync(db => Task.FromResult(db.Meetings.Count())));
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_PinnedBridgeWithoutBooking_Conflict()
    {
        await StartAsync();
        await AddBridgeAsync(2);
        var closed = await AddBridgeAsync(2, "Bergen", allowBooking: false);

        var problem = await ProblemAsync(await Admin.PostAsJsonAsync("/api/meetings", Request(bridgeId: closed), Ct), HttpStatusCode.Conflict);

        Assert.Contains("Bergen", problem.Title, StringComparison.Ordinal);
        Assert.Empty(await Convene.DbAsync(db => Task.FromResult(db.Meetings.ToList())));
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_SeveralBridges_PreferenceThenMostFree()
    {
        await StartAsync();
        var a = await AddBridgeAsync(1, "Alpha");
        var b = await AddBridgeAsync(3, "Beta");

        var first = await BookAsync(Request());
        Assert.Equal(b, first.BridgeId); // most free capacity
        var pinned = await BookAsync(Request(bridgeId: a));
        Assert.Equal(a, pinned.BridgeId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Availability_ShowsBusyAndFreeIntervals()
    {
        await StartAsync(s => s["Convene:Meetings:GapAfterEnd"] = "00:05:00");
        var bridge = await AddBridgeAsync(2);
        var meeting = await BookAsync(Request());

        var availability = (await Admin.GetFromJsonAsync<AvailabilityDto>(
            $"/api/bridges/{bridge}/availability?from=2026-12-01T08:00:00Z&to=2026-12-01T12:00:00Z", Json, Ct))!;

        Assert.Equal(1, availability.FreeThroughout);
        var first = availability.Placeholders[0];
        Assert.Equal(1000, first.NumericId);
        var busy = Assert.Single(first.Busy);
        Assert.Equal(meeting.Id, busy.MeetingId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 55, 0, TimeSpan.Zero), busy.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 5, 0, TimeSpan.Zero), busy.UntilUtc);
        Assert.Equal(2, first.Free.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), first.Free[1].UntilUtc);
        Assert.Single(availability.Placeholders[1].Free);
        var bad = await Admin.GetAsync($"/api/bridges/{bridge}/availability?from=2026-12-01T08:00:00Z", Ct);
        Assert.Contains("to", (await ValidationErrorsAsync(bad)).Keys);
    }
}

public sealed class BookingApiTests_Sqlite() : BookingApiTests(DatabaseKind.Sqlite, null);

public sealed class BookingApiTests_Postgres(PostgresServer postgres) : BookingApiTests(DatabaseKind.Postgres, postgres);
