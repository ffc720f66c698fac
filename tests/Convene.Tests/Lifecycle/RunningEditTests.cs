using System.Net;
using System.Net.Http.Json;
using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>PATCH of a running meeting: title and PIN reach the space at once, participants are dialled and hung up,
/// the end moves only the triggers, a refused change is undone whole; and what cannot be edited in other states.</summary>
public abstract class RunningEditTests(DatabaseKind kind, PostgresServer? postgres) : RunningEditTest(kind, postgres)
{
    private static bool OnTheBridge(CmsRequest r) => !r.Line.Contains("/system/", StringComparison.Ordinal);

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningTitleAndPin_OnePutWithOnlyWhatChangedOnTheTimeline()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        var space = await SpaceIdAsync(meeting);
        var before = await SnapshotAsync();

        var response = await PatchAsync(meeting.Id, new { title = "Budget review", pin = "98765" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = (await SinceAsync(before)).Where(OnTheBridge).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{space}"], sent.Select(r => r.Line));
        Assert.Equal("name=Budget+review&passcode=*****", sent[0].Body);
        using (var cms = Cluster.Client())
        {
            var read = await cms.GetSpaceAsync(space, Ct);
            Assert.Equal("Budget review", read.Name);
        }
        var after = await StoredAsync(meeting.Id);
        Assert.Equal(("Budget review", "98765"), (after.Title, after.Pin));
        Assert.Equal($"\"{after.Version}\"", response.Headers.ETag?.Tag);
        var timeline = (await Admin.GetFromJsonAsync<List<TimelineEntryDto>>($"/api/meetings/{meeting.Id}/timeline", Ct))!;
        var put = timeline.Single(t => t.Kind == MeetingEventKind.CmsRequest && t.Method == "PUT" && t.Id > timeline.Last(x => x.Text.StartsWith("Running", StringComparison.Ordinal)).Id);
        Assert.Equal(200, put.Status);
        Assert.Contains(timeline, t => t.Text == "The new title and PIN applied to the running meeting's space.");

        var titleOnly = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(meeting.Id, new { title = "Budget review 2" })).StatusCode);
        var second = (await SinceAsync(titleOnly)).Where(OnTheBridge).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{space}"], second.Select(r => r.Line));
        Assert.Equal("name=Budget+review+2", second[0].Body);
    }

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningEndOnly_SendsNothingAndTheEndMoves()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        var before = await SnapshotAsync();
        var later = meeting.EndUtc.AddMinutes(20);

        var response = await PatchAsync(meeting.Id, new { end = later.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await SinceAsync(before), OnTheBridge);
        Convene.Clock.AdjustTime(meeting.EndUtc);
        await Convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
        Assert.Equal(MeetingState.Running, (await StoredAsync(meeting.Id)).State);
        Convene.Clock.AdjustTime(later);
        await Convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
        Assert.Equal(MeetingState.Ended, (await StoredAsync(meeting.Id)).State);
    }

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningWhenTheSpaceRefuses_502AndNothingOfTheChangeKept()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Automatic, "bob@example.com");
        var bob = meeting.Participants.Single();
        Faults(0, new NodeFaults { Refusals = [new RequestRefusal { Method = "PUT", PathContains = "/coSpaces/", Status = 400, Reason = "duplicateCoSpaceIdPasscode" }] });
        var before = await SnapshotAsync();

        var response = await PatchAsync(meeting.Id, new
        {
            title = "Budget review", pin = "98765", end = meeting.EndUtc.AddMinutes(20).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            participants = new object[] { new { address = "carol@example.com", dialOut = true } },
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("title and PIN", problem.Title, StringComparison.Ordinal);
        Assert.Contains("duplicateCoSpaceIdPasscode", problem.Detail, StringComparison.Ordinal);
        Assert.Equal([$"PUT /api/v1/coSpaces/{await SpaceIdAsync(meeting)}"], (await SinceAsync(before)).Where(OnTheBridge).Select(r => r.Line));
        var after = await StoredAsync(meeting.Id);
        Assert.Equal((meeting.Title, meeting.Pin, meeting.EndUtc, meeting.HoldUntilUtc), (after.Title, after.Pin, after.EndUtc, after.HoldUntilUtc));
        var kept = Assert.Single(after.Participants);
        Assert.Equal((bob.Id, bob.CallLegId, bob.OwnerId), (kept.Id, kept.CallLegId, kept.OwnerId));
        Assert.True(after.Version > meeting.Version + 1);
        var events = await EventsAsync(meeting.Id);
        Assert.Contains(events, e => e.Kind == MeetingEventKind.Transition && e.Text.StartsWith("The new title and PIN did not reach the space", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningAutomatic_RemovedIsHungUpAndAddedIsDialled()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Automatic, "bob@example.com");
        var bob = meeting.Participants.Single();
        await ConnectAsync(bob.Id);
        var before = await SnapshotAsync();

        var response = await PatchAsync(meeting.Id, new { participants = new object[] { new { address = "carol@example.com", name = "Carol", dialOut = true } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"DELETE /api/v1/callLegs/{bob.CallLegId}", $"POST /api/v1/calls/{meeting.CallId}/callLegs"],
            (await SinceAsync(before)).Where(OnTheBridge).Select(r => r.Line));
        var carol = Assert.Single((await StoredAsync(meeting.Id)).Participants);
        Assert.Equal("carol@example.com", carol.Address);
        Assert.NotNull(carol.CallLegId);
        await ConnectAsync(carol.Id);
        var events = (await EventsAsync(meeting.Id)).Select(e => e.Text).ToList();
        Assert.Contains("bob@example.com: Connected: hung up (removed from the meeting)", events);
        Assert.Single(events, e => e == "Carol (carol@example.com): Connected");
    }

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningManual_RemovedDialInIsHungUpAndAddedIsNotDialled()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        var leg = await DialInWithPinAsync(meeting, "dave@guest.example.com", 0);
        await UntilAsync(db => db.MeetingParticipants.AnyAsync(p => p.CallLegId == leg && p.State == ParticipantState.Connected, Ct), "the dial-in connected");
        var before = await SnapshotAsync();

        var response = await PatchAsync(meeting.Id, new { participants = new object[] { new { address = "carol@example.com", dialOut = true } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"DELETE /api/v1/callLegs/{leg}"], (await SinceAsync(before)).Where(OnTheBridge).Select(r => r.Line));
        var carol = Assert.Single((await StoredAsync(meeting.Id)).Participants);
        Assert.Equal((ParticipantState.Waiting, (string?)null), (carol.State, carol.CallLegId));
    }

    [Fact(Timeout = 120_000)]
    public async Task Patch_RunningReservation_ChangesTheSpaceOnly()
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Reservation);
        var before = await SnapshotAsync();

        var response = await PatchAsync(meeting.Id, new { pin = "", participants = new object[] { new { address = "carol@example.com", dialOut = true } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = (await SinceAsync(before)).Where(OnTheBridge).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{await SpaceIdAsync(meeting)}"], sent.Select(r => r.Line));
        Assert.StartsWith("passcode=", sent[0].Body, StringComparison.Ordinal); // the trace masks it, even empty
        using (var cms = Cluster.Client())
        {
            Assert.True(string.IsNullOrEmpty((await cms.GetSpaceAsync(await SpaceIdAsync(meeting), Ct)).Passcode));
        }
        Assert.Equal(ParticipantState.Waiting, Assert.Single((await StoredAsync(meeting.Id)).Participants).State);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(MeetingState.Starting, "meeting-in-transition")]
    [InlineData(MeetingState.Ending, "meeting-in-transition")]
    [InlineData(MeetingState.Ended, "meeting-over")]
    [InlineData(MeetingState.Cancelled, "meeting-over")]
    [InlineData(MeetingState.Failed, "meeting-over")]
    public async Task Patch_InAStateThatCannotChange_409NamingTheStateAndNothingSent(MeetingState state, string type)
    {
        await StartWithPlaceholdersAsync();
        var meeting = await RunningAsync(LaunchType.Manual);
        await Convene.DbAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.State, state), Ct));
        var before = await SnapshotAsync();

        var problem = await ProblemAsync(await PatchAsync(meeting.Id, new { title = "Too late" }), HttpStatusCode.Conflict);

        Assert.Contains(state.ToString(), problem.Title, StringComparison.Ordinal);
        Assert.EndsWith(type, problem.Type, StringComparison.Ordinal);
        Assert.DoesNotContain(await SinceAsync(before), OnTheBridge);
        Assert.Equal("Board meeting", (await StoredAsync(meeting.Id)).Title);
    }
}

public sealed class RunningEditTests_Sqlite() : RunningEditTests(DatabaseKind.Sqlite, null);

public sealed class RunningEditTests_Postgres(PostgresServer postgres) : RunningEditTests(DatabaseKind.Postgres, postgres);
