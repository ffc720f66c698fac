using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Lifecycle;
using Convene.Meetings;

namespace Convene.Tests.Lifecycle;

/// <summary>The control endpoints: lock, banner, roles, and a Reservation meeting's requests.</summary>
public abstract class LifecycleApiTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task LockAndMessage_OnARunningMeeting_ChangeTheCallOnly()
    {
        var (cluster, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        await RunAtAsync(convene, booked.StartUtc);
        var callId = (await MeetingAsync(convene, booked.Id)).CallId;
        var before = (await RequestsAsync(cluster)).Count;

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/meetings/{booked.Id}/lock", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/meetings/{booked.Id}/message", new MessageRequest("Welcome"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/meetings/{booked.Id}/unlock", null, Ct)).StatusCode);

        var requests = (await RequestsAsync(cluster)).Skip(before).ToList();
        Assert.Equal(Enumerable.Repeat($"PUT /api/v1/calls/{callId}", 3), requests.Select(r => r.Line));
        Assert.Equal("locked=true", requests[0].Body);
        Assert.Contains("messageText=Welcome", requests[1].Body, StringComparison.Ordinal);
        Assert.False((await MeetingAsync(convene, booked.Id)).Locked);
    }

    [Fact(Timeout = 120_000)]
    public async Task Control_BySomeoneElsesViewer_Returns403ButTheTimelineReads()
    {
        var (_, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        var created = await client.PostAsJsonAsync("/api/users", new NewUser("victor", "viewer-password-1", Role.Viewer), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viewer = convene.Client("victor", "viewer-password-1");

        await ProblemAsync(await viewer.PostAsJsonAsync($"/api/meetings/{booked.Id}/extend", new ExtendRequest(15), Ct), HttpStatusCode.Forbidden);
        await ProblemAsync(await viewer.PostAsync($"/api/meetings/{booked.Id}/end", null, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/meetings/{booked.Id}/timeline", Ct)).StatusCode);
        await ProblemAsync(await viewer.GetAsync($"/api/meetings/{Guid.NewGuid()}/timeline", Ct), HttpStatusCode.NotFound);
        Assert.Equal(MeetingState.Booked, (await MeetingAsync(convene, booked.Id)).State);
    }

    [Fact(Timeout = 120_000)]
    public async Task Reservation_OpensTheSpaceForDialInWithoutACallAndClosesIt()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Reservation, ["bob@example.com"]);
        var space = await PlaceholderAsync(convene, booked.PlaceholderId!.Value);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc);
        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        Assert.Null(running.CallId);
        Assert.Equal([$"PUT /api/v1/coSpaces/{space.SpaceId}"], await LinesAfterAsync(cluster, before));
        var afterStart = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.EndUtc);

        Assert.Equal(MeetingState.Ended, (await MeetingAsync(convene, booked.Id)).State);
        var end = await LinesAfterAsync(cluster, afterStart);
        Assert.Equal($"PUT /api/v1/coSpaces/{space.SpaceId}", end[0]);
        Assert.StartsWith($"GET /api/v1/calls?coSpaceFilter={space.SpaceId}", end[1], StringComparison.Ordinal);
        Assert.Equal(2, end.Count);
    }
}

public sealed class LifecycleApiTests_Sqlite() : LifecycleApiTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleApiTests_Postgres(PostgresServer postgres) : LifecycleApiTests(DatabaseKind.Postgres, postgres);
