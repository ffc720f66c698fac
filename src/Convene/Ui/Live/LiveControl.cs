using System.Security.Claims;
using Convene.Accounts;
using Convene.Data;
using Convene.Lifecycle;
using Convene.Live;
using Convene.Meetings;

namespace Convene.Ui.Live;

/// <summary>
/// The control actions of <c>/live/{id}</c>, each through the REST endpoint's own code (<see cref="LifecycleApi"/>,
/// <see cref="ParticipantsApi"/>) in a scope of its own, with the signed-in user: the same checks, the same engine, the
/// same errors. The endpoints' group policy (Viewer and up) is checked here first, as the route would. Nothing throws
/// for a refusal: the <see cref="LiveOutcome"/> carries it.
/// </summary>
public sealed class LiveControl(IServiceScopeFactory scopes)
{
    /// <summary>Whether the page shows the meeting's buttons (extend, end, lock, banner) to <paramref name="user"/>:
    /// what <c>POST /api/meetings/{id}/extend</c> and the others allow.</summary>
    public static bool MayControlMeeting(ClaimsPrincipal user, LiveMeetingView meeting) =>
        UiRoles.Has(user, Role.Viewer) && LifecycleApi.MayControl(user, meeting.OrganizerId);

    /// <summary>Whether the page shows the participants' buttons (mute, hang up, add): what
    /// <c>/api/meetings/{id}/participants</c> allows (<see cref="MeetingControl"/>).</summary>
    public static bool MayControlParticipants(ClaimsPrincipal user, LiveMeetingView meeting) =>
        UiRoles.Has(user, Role.Viewer) && MeetingControl.Refusal(user, new Meeting { Title = meeting.Title, TimeZone = "UTC", OrganizerId = meeting.OrganizerId }) is null;

    /// <summary>Extends the meeting (<c>POST /api/meetings/{id}/extend</c>'s rules); the outcome names the new end in <paramref name="zone"/>.</summary>
    public Task<LiveOutcome> ExtendAsync(Guid id, int minutes, NodaTime.DateTimeZone zone, ClaimsPrincipal user, CancellationToken ct) => MeetingAsync(user, async (db, engine) =>
    {
        var done = await LifecycleApi.ExtendAsync(id, minutes, user, db, engine, ct);
        return $"Extended by {minutes} min: the meeting now ends at {LiveFormat.Time(done.EndUtc, zone)}.";
    });

    public Task<LiveOutcome> EndAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) => MeetingAsync(user, async (db, engine) =>
    {
        var done = await LifecycleApi.EndAsync(id, user, db, engine, ct);
        return $"The meeting is {done.State}.";
    });

    public Task<LiveOutcome> SetMessageAsync(Guid id, string? text, ClaimsPrincipal user, CancellationToken ct) => MeetingAsync(user, async (db, engine) =>
    {
        await LifecycleApi.SetMessageAsync(id, new MessageRequest(text), user, db, engine, ct);
        return string.IsNullOrWhiteSpace(text) ? "Banner cleared." : "Banner shown.";
    });

    public Task<LiveOutcome> SetLockedAsync(Guid id, bool locked, ClaimsPrincipal user, CancellationToken ct) => MeetingAsync(user, async (db, engine) =>
    {
        await LifecycleApi.SetLockedAsync(id, locked, user, db, engine, ct);
        return locked ? "Locked: new callers wait in the lobby." : "Unlocked.";
    });

    /// <summary>Dials <paramref name="address"/> now (<c>POST …/participants</c>).</summary>
    public Task<LiveOutcome> DialOutAsync(Guid id, string? address, string? name, ClaimsPrincipal user, CancellationToken ct) => ParticipantsAsync(user, async s =>
    {
        var result = await ParticipantsApi.AddAsync(id, new NewParticipant(address, string.IsNullOrWhiteSpace(name) ? null : name, null, true), user,
            s.GetRequiredService<ConveneDb>(), s.GetRequiredService<Dialler>(), s.GetRequiredService<ParticipantTracker>(), s.GetRequiredService<LiveState>(), ct);
        return LiveOutcome.FromResult(result.Result, $"Dialling {address}.");
    });

    /// <summary>Mutes or unmutes a participant's audio or video (<c>PATCH …/participants/{pid}</c>).</summary>
    public Task<LiveOutcome> MuteAsync(Guid id, Guid pid, bool? audio, bool? video, ClaimsPrincipal user, CancellationToken ct) => ParticipantsAsync(user, async s =>
    {
        var result = await ParticipantsApi.ChangeAsync(id, pid, new ParticipantChanges(audio, video), user,
            s.GetRequiredService<ConveneDb>(), s.GetRequiredService<Dialler>(), s.GetRequiredService<ParticipantTracker>(), s.GetRequiredService<LiveState>(), ct);
        var what = audio is { } a ? a ? "Audio muted." : "Audio unmuted." : video is true ? "Video muted." : "Video unmuted.";
        return LiveOutcome.FromResult(result.Result, what);
    });

    /// <summary>Hangs a participant up and removes it (<c>DELETE …/participants/{pid}</c>).</summary>
    public Task<LiveOutcome> DisconnectAsync(Guid id, Guid pid, ClaimsPrincipal user, CancellationToken ct) => ParticipantsAsync(user, async s =>
    {
        var result = await ParticipantsApi.RemoveAsync(id, pid, user,
            s.GetRequiredService<ConveneDb>(), s.GetRequiredService<Dialler>(), s.GetRequiredService<ParticipantTracker>(), s.GetRequiredService<LiveState>(), ct);
        return LiveOutcome.FromResult(result.Result, "Hung up and removed.");
    });

    private async Task<LiveOutcome> MeetingAsync(ClaimsPrincipal user, Func<ConveneDb, LifecycleEngine, Task<string>> action)
    {
        if (!UiRoles.Has(user, Role.Viewer))
        {
            return LiveOutcome.Refused(403, "Only an Operator or the meeting's organiser can control it.");
        }
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return new LiveOutcome(await action(scope.ServiceProvider.GetRequiredService<ConveneDb>(), scope.ServiceProvider.GetRequiredService<LifecycleEngine>()));
        }
        catch (Exception e) when (LiveOutcome.FromException(e) is not null)
        {
            return LiveOutcome.FromException(e)!;
        }
    }

    private async Task<LiveOutcome> ParticipantsAsync(ClaimsPrincipal user, Func<IServiceProvider, Task<LiveOutcome>> action)
    {
        if (!UiRoles.Has(user, Role.Viewer))
        {
            return LiveOutcome.Refused(403, "Only Operators (and Bookers, for their own meetings) control participants.");
        }
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await action(scope.ServiceProvider);
        }
        catch (Exception e) when (LiveOutcome.FromException(e) is not null)
        {
            return LiveOutcome.FromException(e)!;
        }
    }
}
