using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Live;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary><c>POST/DELETE/PATCH /api/meetings/{id}/participants</c>: dial out now, hang up, mute; roles and errors.</summary>
public abstract class ParticipantsApiTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Add_DialOutNow_DialsWithAnOwnerIdAndTheParticipantConnects()
    {
        await StartAsync();
        await RegisterAsync();
        var (meeting, callId) = await RunningMeetingAsync(LaunchType.Manual);

        using var response = await Admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new { address = "erin@example.com", name = "Erin", dialOut = true }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<LiveParticipantDto>(Ct))!;
        Assert.Equal($"/api/meetings/{meeting.Id}/participants/{added.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal((ParticipantState.Dialling, 1, true), (added.State, added.Attempts, added.DialOut));
        var row = await ParticipantAsync(added.Id);
        var post = Assert.Single(await RequestsAsync(Cluster), r => r.Line == $"POST /api/v1/calls/{callId}/callLegs");
        Assert.Contains($"ownerId={row.OwnerId:D}", post.Body, StringComparison.Ordinal);
        await ConnectAsync(added.Id);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_Errors_AnswerProblemDetails()
    {
        await StartAsync();
        var (meeting, _) = await RunningMeetingAsync();
        var booked = await BookedMeetingAsync();

        var invalid = await ProblemAsync(await Admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new { address = "not an address", dialOut = true }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("address", System.Text.Json.JsonSerializer.Serialize(invalid.Extensions), StringComparison.Ordinal);
        await ProblemAsync(await Admin.PostAsJsonAsync($"/api/meetings/{Guid.NewGuid()}/participants", new { address = "erin@example.com" }, Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await Admin.PostAsJsonAsync($"/api/meetings/{booked}/participants", new { address = "erin@example.com" }, Ct), HttpStatusCode.Conflict);
        Assert.DoesNotContain(await RequestsAsync(Cluster), x => x.Line.Contains("callLegs", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Endpoints_Viewer_AreForbidden()
    {
        await StartAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, _) = await RunningMeetingAsync(participants: alice);
        var viewer = await UserAsync("vera", Role.Viewer);

        await ProblemAsync(await viewer.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new { address = "erin@example.com" }, Ct), HttpStatusCode.Forbidden);
        await ProblemAsync(await viewer.PatchAsJsonAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", new { muteAudio = true }, Ct), HttpStatusCode.Forbidden);
        await ProblemAsync(await viewer.DeleteAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", Ct), HttpStatusCode.Forbidden);
        Assert.NotNull(await Convene.DbAsync(db => db.MeetingParticipants.FirstOrDefaultAsync(p => p.Id == alice.Id, Ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Change_MuteAudioAndVideo_MutesTheLegAtTheFarEnd()
    {
        await StartAsync();
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, callId) = await RunningMeetingAsync(participants: alice);
        var leg = await DialAsLifecycleAsync(callId, alice);
        await ConnectAsync(alice.Id);

        using var response = await Admin.PatchAsJsonAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", new { muteAudio = true, muteVideo = true }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dto = (await response.Content.ReadFromJsonAsync<LiveParticipantDto>(Ct))!;
        Assert.Equal((true, true), (dto.AudioMuted, dto.VideoMuted));
        using var cms = Cluster.Client();
        var configuration = (await cms.GetCallLegAsync(leg, Ct)).Configuration!;
        Assert.Equal((true, true), (configuration.RxAudioMute, configuration.RxVideoMute));
        Assert.Contains(await EventsAsync(meeting.Id), e => e.Text == "Alice (alice@example.com): Connected: audio muted, video muted");
    }

    [Fact(Timeout = 60_000)]
    public async Task Change_Errors_AnswerProblemDetails()
    {
        await StartAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, _) = await RunningMeetingAsync(participants: alice);
        var booked = await BookedMeetingAsync();

        var empty = await ProblemAsync(await Admin.PatchAsJsonAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", new { }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("muteAudio", System.Text.Json.JsonSerializer.Serialize(empty.Extensions), StringComparison.Ordinal);
        await ProblemAsync(await Admin.PatchAsJsonAsync($"/api/meetings/{meeting.Id}/participants/{Guid.NewGuid()}", new { muteAudio = true }, Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await Admin.PatchAsJsonAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", new { muteAudio = true }, Ct), HttpStatusCode.Conflict);
        var bookedParticipant = await Convene.DbAsync(db => db.MeetingParticipants.Where(p => p.MeetingId == booked).Select(p => p.Id).SingleAsync(Ct));
        await ProblemAsync(await Admin.PatchAsJsonAsync($"/api/meetings/{booked}/participants/{bookedParticipant}", new { muteVideo = true }, Ct), HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task Remove_ConnectedParticipant_HangsUpAndRemovesIt()
    {
        await StartAsync();
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, callId) = await RunningMeetingAsync(participants: alice);
        var leg = await DialAsLifecycleAsync(callId, alice);
        await ConnectAsync(alice.Id);

        using var response = await Admin.DeleteAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(await RequestsAsync(Cluster), r => r.Line == $"DELETE /api/v1/callLegs/{leg}");
        using var cms = Cluster.Client();
        Assert.Empty(await cms.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Null(await Convene.DbAsync(db => db.MeetingParticipants.FirstOrDefaultAsync(p => p.Id == alice.Id, Ct)));
        await ProblemAsync(await Admin.DeleteAsync($"/api/meetings/{meeting.Id}/participants/{alice.Id}", Ct), HttpStatusCode.NotFound);
    }

    /// <summary>A booked (not yet started) meeting with one dial-out participant.</summary>
    private async Task<Guid> BookedMeetingAsync()
    {
        var now = Convene.Clock.GetUtcNow();
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            BridgeId = Bridge.Id,
            Title = "Later",
            TimeZone = "UTC",
            StartUtc = now.AddDays(1),
            EndUtc = now.AddDays(1).AddHours(1),
            State = MeetingState.Booked,
            Participants = [DialOut("frank@example.com", "Frank")],
        };
        await Convene.DbAsync(db =>
        {
            db.Meetings.Add(meeting);
            return db.SaveChangesAsync(Ct);
        });
        return meeting.Id;
    }

    private async Task<HttpClient> UserAsync(string name, Role role)
    {
        using var response = await Admin.PostAsJsonAsync("/api/users", new NewUser(name, name + "-password-long-enough", role), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return Convene.Client(name, name + "-password-long-enough");
    }
}

public sealed class ParticipantsApiTests_Sqlite() : ParticipantsApiTests(DatabaseKind.Sqlite, null);

public sealed class ParticipantsApiTests_Postgres(PostgresServer postgres) : ParticipantsApiTests(DatabaseKind.Postgres, postgres);
