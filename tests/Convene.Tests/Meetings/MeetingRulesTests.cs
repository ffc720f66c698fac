using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Meetings;

namespace Convene.Tests.Meetings;

/// <summary>Bad input, PATCH with ETags, edits of live and ended meetings, and what each role may see and change.</summary>
public abstract class MeetingRulesTests(DatabaseKind kind, PostgresServer? postgres) : BookingTest(kind, postgres)
{
    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"title":"x","start":"2026-12-01T11:00:00","end":"2026-12-01T10:00:00","timeZone":"Europe/Oslo"}""", "end" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T10:00:00","timeZone":"Europe/Oslo"}""", "end" },
        { """{"title":"x","start":"2026-11-20T10:00:00","end":"2026-11-20T11:00:00","timeZone":"Europe/Oslo"}""", "start" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Atlantis"}""", "timeZone" },
        { """{"title":"x","start":"2026-12-01T10:00:00Z","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo"}""", "start" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00+01:00","timeZone":"Europe/Oslo"}""", "end" },
        { """{"start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo"}""", "title" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo","participants":[{"address":"not an address","dialOut":true}]}""", "participants[0].address" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo","participants":[{"address":"+4712345678"},{"address":"sip:b@example.com"},{"address":"c@example.com"}]}""", "participants" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo","pin":"12a4"}""", "pin" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo","recurrence":"FREQ=SOMETIMES"}""", "recurrence" },
        { """{"title":"x","start":"2026-12-01T10:00:00","end":"2026-12-01T11:00:00","timeZone":"Europe/Oslo","bridgeId":"6a1c3f2e-0000-4000-8000-000000000000"}""", "bridgeId" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadRequests))]
    public async Task Book_BadInput_400NamingTheFieldAndNothingSaved(string json, string field)
    {
        await StartAsync(s => s["Convene:Meetings:MaxDialOuts"] = "2");
        await AddBridgeAsync(1);

        var response = await Admin.PostAsync("/api/meetings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Contains(field, (await ValidationErrorsAsync(response)).Keys);
        Assert.Equal(0, await Convene.DbAsync(db => Task.FromResult(db.Meetings.Count())));
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_WithETag_ChangesAndStaleOrMissingIsRefused()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var meeting = await BookAsync(Request());

        var missing = await Admin.PatchAsJsonAsync($"/api/meetings/{meeting.Id}", new { title = "New" }, Ct);
        await ProblemAsync(missing, HttpStatusCode.PreconditionRequired);
        var changed = await PatchAsync(Admin, meeting.Id, new { title = "New", pin = "98765", end = "2026-12-01T11:30:00" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);
        var read = await GetAsync(meeting.Id);
        Assert.Equal(("New", "98765", 2L), (read.Title, read.Pin, read.Version));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero), read.EndUtc);

        var stale = await PatchAsync(Admin, meeting.Id, new { title = "Late" }, "\"1\"");
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("New", (await GetAsync(meeting.Id)).Title);
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_Running_EndChangesButStartCannotMove_Ended_Conflict()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var meeting = await BookAsync(Request());
        await SetStateAsync(meeting.Id, MeetingState.Running);

        await ProblemAsync(await PatchAsync(Admin, meeting.Id, new { start = "2026-12-01T10:10:00" }, "\"1\""), HttpStatusCode.Conflict);
        // only the end: a running meeting's title goes to its space (RunningEditTests), and this bridge is not reachable
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(Admin, meeting.Id, new { end = "2026-12-01T11:15:00" }, "\"1\"")).StatusCode);

        await SetStateAsync(meeting.Id, MeetingState.Ended);
        await ProblemAsync(await PatchAsync(Admin, meeting.Id, new { title = "Too late" }, "\"2\""), HttpStatusCode.Conflict);
        await ProblemAsync(await Admin.DeleteAsync($"/api/meetings/{meeting.Id}", Ct), HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_Running_RequestsTheEndAndKeepsTheHold()
    {
        await StartAsync();
        await AddBridgeAsync(1);
        var meeting = await BookAsync(Request());
        await SetStateAsync(meeting.Id, MeetingState.Running);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/meetings/{meeting.Id}", Ct)).StatusCode);

        var read = await GetAsync(meeting.Id);
        // The cancel leaves the state to the lifecycle engine, which may already be ending it.
        Assert.Contains(read.State, new[] { MeetingState.Running, MeetingState.Ending, MeetingState.Cancelled });
        Assert.True(read.CancelRequested);
        Assert.NotNull(await Convene.DbAsync(db => Task.FromResult(db.Meetings.Single().PlaceholderId)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Roles_BookerSeesAndChangesOnlyOwn_ViewerReadsAll_OperatorBooksForOthers()
    {
        await StartAsync();
        await AddBridgeAsync(5);
        var booker = await UserAsync("bea", Role.Booker);
        var other = await UserAsync("otto", Role.Booker);
        var viewer = await UserAsync("vera", Role.Viewer);
        var operatorClient = await UserAsync("olga", Role.Operator);

        var own = await BookAsync(Request(title: "Bea's"), booker);
        var others = await BookAsync(Request(title: "Otto's"), other);
        var forBea = await BookAsync(Request(title: "For Bea", organizer: "bea"), operatorClient);

        Assert.Equal("bea", own.Organizer);
        Assert.Equal("bea", forBea.Organizer);
        var page = (await booker.GetFromJsonAsync<MeetingPage>("/api/meetings", Json, Ct))!;
        Assert.Equal(["Bea's", "For Bea"], page.Items.Select(m => m.Title).Order());
        Assert.Equal(2, page.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await booker.GetAsync($"/api/meetings/{others.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await booker.DeleteAsync($"/api/meetings/{others.Id}", Ct)).StatusCode);
        Assert.Equal(3, (await viewer.GetFromJsonAsync<MeetingPage>("/api/meetings", Json, Ct))!.Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/meetings/{others.Id}", Ct)).StatusCode);
        await ProblemAsync(await booker.PostAsJsonAsync("/api/meetings", Request(organizer: "otto"), Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/meetings/{others.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await booker.GetAsync("/api/bridges", Ct)).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task List_FiltersAndPages()
    {
        await StartAsync();
        var bridge = await AddBridgeAsync(3);
        for (var day = 1; day <= 5; day++)
        {
            await BookAsync(Request(start: $"2026-12-0{day}T10:00:00", end: $"2026-12-0{day}T11:00:00", title: $"Day {day}"));
        }

        var page = (await Admin.GetFromJsonAsync<MeetingPage>(
            $"/api/meetings?from=2026-12-02T00:00:00Z&to=2026-12-05T00:00:00Z&bridgeId={bridge}&state=Booked&page=2&pageSize=2", Json, Ct))!;

        Assert.Equal(3, page.Total);
        Assert.Equal(["Day 4"], page.Items.Select(m => m.Title));
        Assert.Equal((2, 2), (page.Page, page.PageSize));
        Assert.Contains("pageSize", (await ValidationErrorsAsync(await Admin.GetAsync("/api/meetings?pageSize=0", Ct))).Keys);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenApi_DocumentsTheMeetingsContract()
    {
        await StartAsync();

        using var document = System.Text.Json.JsonDocument.Parse(await Admin.GetStringAsync("/openapi/v1.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/meetings", out var meetings));
        Assert.True(meetings.TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/meetings/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.TryGetProperty("/api/bridges/{id}/availability", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("MeetingDto").GetProperty("properties").TryGetProperty("webLink", out _));
    }

    private Task<int> SetStateAsync(Guid id, MeetingState state) => Convene.DbAsync(async db =>
    {
        var m = db.Meetings.Single(x => x.Id == id);
        m.State = state;
        return await db.SaveChangesAsync(Ct);
    });

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, object change, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/meetings/{id}") { Content = JsonContent.Create(change) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await client.SendAsync(request, Ct);
    }
}

public sealed class MeetingRulesTests_Sqlite() : MeetingRulesTests(DatabaseKind.Sqlite, null);

public sealed class MeetingRulesTests_Postgres(PostgresServer postgres) : MeetingRulesTests(DatabaseKind.Postgres, postgres);
