using System.Security.Claims;
using System.Text.RegularExpressions;
using Convene.Accounts;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

/// <summary>
/// Participant control of a meeting: <c>POST /api/meetings/{id}/participants</c> (dial out now, or add a dial-in
/// guest), <c>DELETE /api/meetings/{id}/participants/{pid}</c> (hang up and remove),
/// <c>PATCH /api/meetings/{id}/participants/{pid}</c> (<c>muteAudio</c>, <c>muteVideo</c>). Errors are
/// ProblemDetails: 400 naming the fields, 403 for a Viewer, 404 for an unknown meeting or participant, 409 when
/// the meeting is not running (dialling out, muting) or the participant is not on the call, 502 when the bridge
/// refuses.
/// </summary>
public static partial class ParticipantsApi
{
    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id:guid}/participants").RequireAuthorization(AccountsExtensions.ViewerPolicy).WithTags("Participants");
        group.MapPost("", AddAsync);
        group.MapDelete("/{pid:guid}", RemoveAsync);
        group.MapPatch("/{pid:guid}", ChangeAsync);
        return app;
    }

    internal static async Task<Results<Created<LiveParticipantDto>, ValidationProblem, ProblemHttpResult>> AddAsync(Guid id, NewParticipant request,
        ClaimsPrincipal user, ConveneDb db, Dialler dialler, ParticipantTracker tracker, LiveState live, CancellationToken cancellationToken)
    {
        var dialOut = request.DialOut ?? request.Address is not null;
        if (Validate(request, dialOut) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The participant is not valid.");
        }
        return await live.RunAsync<Results<Created<LiveParticipantDto>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var (found, refusal) = await MeetingAsync(db, id, user, cancellationToken);
            if (refusal is not null || found is not { } meeting)
            {
                return refusal!;
            }
            if (dialOut ? !IsRunning(meeting) : !meeting.IsActive)
            {
                return Problem(409, $"Meeting \"{meeting.Title}\" is {meeting.State}: {(dialOut ? "only a running meeting can dial out" : "participants can no longer be added")}.", "meeting-not-running");
            }
            var participant = new MeetingParticipant
            {
                Id = Guid.NewGuid(),
                MeetingId = meeting.Id,
                Address = request.Address?.Trim(),
                Name = request.Name?.Trim(),
                Email = request.Email?.Trim(),
                DialOut = dialOut,
                OwnerId = Guid.NewGuid(),
                State = ParticipantState.Waiting,
                Attempts = dialOut ? 1 : 0,
            };
            db.MeetingParticipants.Add(participant);
            tracker.Record(meeting, participant, $"{ParticipantTracker.Describe(participant)}: added");
            await db.SaveChangesAsync(cancellationToken);
            if (dialOut && await dialler.DialAsync(meeting, participant, cancellationToken) is { } failure)
            {
                // Nothing was dialled: the participant is not kept (its failure stays on the timeline).
                db.MeetingParticipants.Remove(participant);
                await db.SaveChangesAsync(cancellationToken);
                throw failure;
            }
            return TypedResults.Created($"/api/meetings/{meeting.Id}/participants/{participant.Id}", LiveParticipantDto.From(participant));
        }, cancellationToken);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, Guid pid, ClaimsPrincipal user, ConveneDb db,
        Dialler dialler, ParticipantTracker tracker, LiveState live, CancellationToken cancellationToken) =>
        await live.RunAsync<Results<NoContent, ProblemHttpResult>>(async () =>
        {
            var (meeting, participant, refusal) = await ParticipantAsync(db, id, pid, user, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
            if (participant!.CallLegId is { } leg && IsOnCall(participant) && meeting!.IsLive && meeting.CallId is not null)
            {
                try
                {
                    await (await dialler.ClientAsync(meeting, cancellationToken)).DeleteCallLegAsync(leg, cancellationToken);
                }
                catch (CmsApiException e) when (e.IsNotFound)
                {
                    // already gone
                }
            }
            tracker.Record(meeting!, participant, $"{ParticipantTracker.Describe(participant)}: hung up and removed");
            db.MeetingParticipants.Remove(participant);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.NoContent();
        }, cancellationToken);

    internal static async Task<Results<Ok<LiveParticipantDto>, ValidationProblem, ProblemHttpResult>> ChangeAsync(Guid id, Guid pid, ParticipantChanges request,
        ClaimsPrincipal user, ConveneDb db, Dialler dialler, ParticipantTracker tracker, LiveState live, CancellationToken cancellationToken)
    {
        if (request.MuteAudio is null && request.MuteVideo is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["muteAudio"] = ["Give muteAudio or muteVideo (true or false)."],
                ["muteVideo"] = ["Give muteAudio or muteVideo (true or false)."],
            }, title: "Nothing to change.");
        }
        return await live.RunAsync<Results<Ok<LiveParticipantDto>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var (meeting, participant, refusal) = await ParticipantAsync(db, id, pid, user, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
            if (!IsRunning(meeting!))
            {
                return Problem(409, $"Meeting \"{meeting!.Title}\" is {meeting.State}: only a running meeting's participants can be muted.", "meeting-not-running");
            }
            if (participant!.CallLegId is not { } leg || !IsOnCall(participant))
            {
                return Problem(409, $"{ParticipantTracker.Describe(participant)}: not on the call, so there is nothing to mute.", "participant-not-on-call");
            }
            var client = await dialler.ClientAsync(meeting!, cancellationToken);
            if (request.MuteAudio is { } audio)
            {
                await client.MuteAudioAsync(leg, audio, cancellationToken);
                participant.AudioMuted = audio;
            }
            if (request.MuteVideo is { } video)
            {
                await client.MuteVideoAsync(leg, video, cancellationToken);
                participant.VideoMuted = video;
            }
            var what = string.Join(", ", new[]
            {
                request.MuteAudio is { } a ? a ? "audio muted" : "audio unmuted" : null,
                request.MuteVideo is { } v ? v ? "video muted" : "video unmuted" : null,
            }.OfType<string>());
            tracker.Record(meeting!, participant, $"{ParticipantTracker.Describe(participant)}: {what}");
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(LiveParticipantDto.From(participant));
        }, cancellationToken);
    }

    private static bool IsRunning(Meeting meeting) => meeting.State is MeetingState.Starting or MeetingState.Running && meeting.CallId is not null;

    private static bool IsOnCall(MeetingParticipant p) => p.State is ParticipantState.Dialling or ParticipantState.Ringing or ParticipantState.Connected;

    private static async Task<(Meeting?, ProblemHttpResult?)> MeetingAsync(ConveneDb db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var refusal = meeting is null ? 404 : MeetingControl.Refusal(user, meeting);
        return refusal switch
        {
            null => (meeting, null),
            403 => (null, Problem(403, "Only Operators (and Bookers, for their own meetings) control participants.", "forbidden")),
            _ => (null, Problem(404, $"No meeting {id}.", "meeting-not-found")),
        };
    }

    private static async Task<(Meeting?, MeetingParticipant?, ProblemHttpResult?)> ParticipantAsync(ConveneDb db, Guid id, Guid pid, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (meeting, refusal) = await MeetingAsync(db, id, user, cancellationToken);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }
        var participant = await db.MeetingParticipants.FirstOrDefaultAsync(p => p.Id == pid && p.MeetingId == id, cancellationToken);
        return participant is null
            ? (null, null, Problem(404, $"Meeting \"{meeting!.Title}\" has no participant {pid}.", "participant-not-found"))
            : (meeting, participant, null);
    }

    private static Dictionary<string, string[]> Validate(NewParticipant request, bool dialOut)
    {
        var errors = new Dictionary<string, string[]>();
        if (dialOut && string.IsNullOrWhiteSpace(request.Address))
        {
            errors["address"] = ["A dial-out needs an address: a SIP URI, user@host or an E.164 number (+4722334455)."];
        }
        else if (request.Address is { } address && (address.Trim().Length > 300 || !AddressPattern().IsMatch(address.Trim())))
        {
            errors["address"] = [$"\"{address}\" is not a SIP URI, user@host or E.164 number (+ and 8 to 15 digits), up to 300 characters."];
        }
        if (!dialOut && string.IsNullOrWhiteSpace(request.Name) && string.IsNullOrWhiteSpace(request.Email))
        {
            errors["name"] = ["A dial-in participant needs a name or an email."];
        }
        if (request.Name is { Length: > 200 })
        {
            errors["name"] = ["The name is longer than 200 characters."];
        }
        if (request.Email is { } email && (email.Trim().Length > 254 || !EmailPattern().IsMatch(email.Trim())))
        {
            errors["email"] = [$"\"{email}\" is not an email address."];
        }
        return errors;
    }

    private static ProblemHttpResult Problem(int status, string title, string type) =>
        TypedResults.Problem(statusCode: status, title: title, type: "https://convene.invalid/problems/" + type);

    [GeneratedRegex(@"^((sips?:)?[^@\s:;<>""]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?|\+[1-9]\d{7,14})$", RegexOptions.IgnoreCase)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
