using System.Net;
using System.Net.Http.Json;
using Convene.Lifecycle;
using Convene.Meetings;

namespace Convene.Tests.Lifecycle;

/// <summary>The whole lifecycle against the simulator on a fake clock, with the exact CMS requests of each transition.</summary>
public abstract class LifecycleEngineTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Lifecycle_AutomaticWithTwoDialOuts_StartsWarnsExtendsAndEndsWithTheFewestRequests()
    {
        var (cluster, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com", "carol@example.com"]);
        var space = await PlaceholderAsync(convene, booked.PlaceholderId!.Value);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-6));
        Assert.Equal(MeetingState.Booked, (await MeetingAsync(convene, booked.Id)).State);
        Assert.Empty(await LinesAfterAsync(cluster, before));

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        var start = await LinesAfterAsync(cluster, before);
        Assert.Equal(5, start.Count); // 3 + N for N = 2
        Assert.StartsWith($"GET /api/v1/calls?coSpaceFilter={space.SpaceId}", start[0], StringComparison.Ordinal);
        Assert.Equal([$"PUT /api/v1/coSpaces/{space.SpaceId}", "POST /api/v1/calls",
            $"POST /api/v1/calls/{running.CallId}/callLegs", $"POST /api/v1/calls/{running.CallId}/callLegs"], start.Skip(1));
        var put = (await RequestsAsync(cluster)).Skip(before).Single(r => r.Line.StartsWith("PUT", StringComparison.Ordinal));
        Assert.Contains("nonMemberAccess=true", put.Body, StringComparison.Ordinal);
        Assert.Contains("passcode=*****", put.Body, StringComparison.Ordinal);
        Assert.Contains("meetingScheduler=alice", put.Body, StringComparison.Ordinal);
        Assert.All(running.Participants, p => Assert.NotNull(p.CallLegId));
        using (var cms = cluster.Client())
        {
            var legs = await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct);
            Assert.Equal(2, legs.Count);
        }

        var afterStart = (await RequestsAsync(cluster)).Count;
        await RunAtAsync(convene, running.EndUtc.AddMinutes(-5));
        await RunAtAsync(convene, running.EndUtc.AddMinutes(-5)); // a repeated firing shows nothing twice
        Assert.Equal([$"PUT /api/v1/calls/{running.CallId}"], await LinesAfterAsync(cluster, afterStart));

        var afterWarn = (await RequestsAsync(cluster)).Count;
        var extended = await client.PostAsJsonAsync($"/api/meetings/{booked.Id}/extend", new ExtendRequest(15), Ct);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Empty(await LinesAfterAsync(cluster, afterWarn));
        var longer = await MeetingAsync(convene, booked.Id);
        Assert.Equal(running.EndUtc.AddMinutes(15), longer.EndUtc);

        await RunAtAsync(convene, running.EndUtc);
        Assert.Equal(MeetingState.Running, (await MeetingAsync(convene, booked.Id)).State);
        await RunAtAsync(convene, longer.EndUtc);
        var ended = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Ended, ended.State);
        var end = (await RequestsAsync(cluster)).Skip(afterWarn).ToList();
        // the warnings at the new end's 5 and 1 minutes came first (one PUT of the call, as the runner shows only the nearest)
        var tail = end.TakeLast(2).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{space.SpaceId}", $"DELETE /api/v1/calls/{running.CallId}"], tail.Select(r => r.Line));
        Assert.Contains("nonMemberAccess=false", tail[0].Body, StringComparison.Ordinal);
        Assert.Contains("regenerateSecret=true", tail[0].Body, StringComparison.Ordinal);
        Assert.Contains($"name={space.Name}", tail[0].Body, StringComparison.Ordinal);

        var timeline = (await client.GetFromJsonAsync<List<TimelineEntryDto>>($"/api/meetings/{booked.Id}/timeline", Ct))!;
        // 5 to start, 1 warning, 2 to end; the extension sent nothing (the status poller's own requests are not the meeting's).
        Assert.Equal(8, timeline.Count(t => t.Kind == MeetingEventKind.CmsRequest));
        Assert.All(timeline.Where(t => t.Kind == MeetingEventKind.CmsRequest), t => Assert.Equal(200, t.Status));
    }

    [Fact(Timeout = 120_000)]
    public async Task Extend_WhenTheNextBookingHoldsThePlaceholder_Returns409NamingIt()
    {
        var (_, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var first = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30));
        var next = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(65), TimeSpan.FromMinutes(30));

        var response = await client.PostAsJsonAsync($"/api/meetings/{first.Id}/extend", new ExtendRequest(15), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(next.Id.ToString(), problem.Title, StringComparison.Ordinal);
        Assert.Equal(first.EndUtc, (await MeetingAsync(convene, first.Id)).EndUtc);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_AfterTheEndHasPassed_IsRecordedAsMissed()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30));
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.EndUtc.AddMinutes(1));

        var missed = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Failed, missed.State);
        Assert.Contains("missed", missed.CancelReason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await LinesAfterAsync(cluster, before));
    }

    [Fact(Timeout = 120_000)]
    public async Task End_WhenAskedOnAManualMeeting_ClosesWithTwoRequests()
    {
        var (cluster, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual, ["bob@example.com"]);
        var before = (await RequestsAsync(cluster)).Count;
        await RunAtAsync(convene, booked.StartUtc);
        Assert.Equal(3, (await LinesAfterAsync(cluster, before)).Count); // no dial-out for Manual
        var afterStart = (await RequestsAsync(cluster)).Count;

        var response = await client.PostAsync($"/api/meetings/{booked.Id}/end", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MeetingState.Ended, (await MeetingAsync(convene, booked.Id)).State);
        Assert.Equal(2, (await LinesAfterAsync(cluster, afterStart)).Count);
        await ProblemAsync(await client.PostAsync($"/api/meetings/{booked.Id}/end", null, Ct), HttpStatusCode.Conflict);
        await ProblemAsync(await client.PostAsync($"/api/meetings/{Guid.NewGuid()}/end", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 120_000)]
    public async Task End_NowWithParticipantsOnTheCall_DisconnectsThemAndGivesBackTheRestOfTheHold()
    {
        var (_, convene, client, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com", "carol@example.com"]);
        await RunAtAsync(convene, booked.StartUtc);
        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        var gap = running.HoldUntilUtc - running.EndUtc;

        var response = await client.PostAsync($"/api/meetings/{booked.Id}/end", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ended = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Ended, ended.State);
        Assert.All(ended.Participants, p =>
        {
            Assert.True(p.State is ParticipantState.Disconnected or ParticipantState.Failed, $"{p.Address} is {p.State}");
            Assert.Equal("meetingEnded", p.Reason);
        });
        Assert.Equal(convene.Clock.GetUtcNow() + gap, ended.HoldUntilUtc);
    }
}

public sealed class LifecycleEngineTests_Sqlite() : LifecycleEngineTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleEngineTests_Postgres(PostgresServer postgres) : LifecycleEngineTests(DatabaseKind.Postgres, postgres);
