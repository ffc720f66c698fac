using System.Security.Claims;
using Convene.Accounts;
using Convene.Data;
using Convene.Lifecycle;
using Convene.Live;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Live;

/// <summary>A participant as the live pages show it (the fields of <see cref="LiveParticipantDto"/> the pages need).</summary>
public sealed record LiveParticipantView(Guid Id, string Label, string? Address, bool DialOut, ParticipantState State, string? Reason, bool InLobby,
    bool AudioMuted, bool VideoMuted)
{
    public static LiveParticipantView From(MeetingParticipant p) => new(p.Id, p.Name ?? p.Address ?? p.Email ?? "(no name)", p.Address, p.DialOut,
        p.State, p.Reason, p.InLobby, p.AudioMuted, p.VideoMuted);

    /// <summary>Whether the participant has a leg on the call now (what the participants API mutes or hangs up).</summary>
    public bool OnCall => State is ParticipantState.Dialling or ParticipantState.Ringing or ParticipantState.Connected;
}

/// <summary>One live meeting: where it runs (bridge, node), when it opens and ends, and its participants.</summary>
public sealed record LiveMeetingView(Guid Id, string Title, MeetingState State, DateTimeOffset OpensUtc, DateTimeOffset StartUtc, DateTimeOffset EndUtc,
    Guid BridgeId, string BridgeName, bool Simulated, string? NodeName, string? CallId, long? NumericId, bool Locked, int Extensions, Guid? OrganizerId,
    string? OrganizerName, string? CancelReason, IReadOnlyList<LiveParticipantView> Participants)
{
    /// <summary>Whether the meeting is on the bridge now or opens later.</summary>
    public bool IsLive => Meeting.LiveStates.Contains(State);

    /// <summary>Whether it is over (ended, cancelled, failed).</summary>
    public bool IsOver => !Meeting.ActiveStates.Contains(State);
}

/// <summary>
/// The reads of the live pages, with the REST API's visibility: Viewers and up see every meeting, a Booker only the
/// meetings they organise (<see cref="Meeting.OrganizerId"/>). Each read uses a scope of its own, so a page open for
/// hours holds no database context.
/// </summary>
public sealed class LiveMeetings(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How far ahead <see cref="ListAsync"/> shows meetings that will open.</summary>
    public static readonly TimeSpan Lookahead = TimeSpan.FromHours(1);

    /// <summary>The meetings on a bridge now (Starting, Running, Ending) and those opening within <see cref="Lookahead"/>,
    /// by start time.</summary>
    public async Task<List<LiveMeetingView>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var now = time.GetUtcNow();
        var until = now + Lookahead;
        var query = db.Meetings.AsNoTracking().Include(m => m.Participants)
            .Where(m => m.State == MeetingState.Starting || m.State == MeetingState.Running || m.State == MeetingState.Ending
                || (m.State == MeetingState.Booked && m.HoldFromUtc <= until && m.EndUtc > now));
        query = Visible(query, user);
        var meetings = await query.ToListAsync(ct);
        return await ViewsAsync(db, meetings.OrderBy(m => m.StartUtc).ThenBy(m => m.Title, StringComparer.OrdinalIgnoreCase).ToList(), ct);
    }

    /// <summary>One meeting, whatever its state; null when there is none the user may see.</summary>
    public async Task<LiveMeetingView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var meeting = await Visible(db.Meetings.AsNoTracking().Include(m => m.Participants).Where(m => m.Id == id), user).SingleOrDefaultAsync(ct);
        return meeting is null ? null : (await ViewsAsync(db, [meeting], ct))[0];
    }

    /// <summary>The meeting's timeline as <c>GET /api/meetings/{id}/timeline</c> gives it, oldest first.</summary>
    public async Task<List<TimelineEntryDto>> TimelineAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        return await db.MeetingEvents.AsNoTracking().Where(e => e.MeetingId == id).OrderBy(e => e.Id)
            .Select(e => new TimelineEntryDto(e.Id, e.TimeUtc, e.Kind, e.Text, e.Node, e.Method, e.Path, e.Status, e.LatencyMs, e.ParticipantId)).ToListAsync(ct);
    }

    private static IQueryable<Meeting> Visible(IQueryable<Meeting> meetings, ClaimsPrincipal user)
    {
        if (UiRoles.Has(user, Role.Viewer))
        {
            return meetings;
        }
        var me = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
        return meetings.Where(m => m.OrganizerId == me);
    }

    private static async Task<List<LiveMeetingView>> ViewsAsync(ConveneDb db, List<Meeting> meetings, CancellationToken ct)
    {
        var bridgeIds = meetings.Select(m => m.BridgeId).Distinct().ToList();
        var bridges = await db.Bridges.AsNoTracking().Include(b => b.Nodes).Where(b => bridgeIds.Contains(b.Id)).ToListAsync(ct);
        var simulated = await SimulatedBridges.IdsAsync(db, ct);
        return meetings.Select(m =>
        {
            var bridge = bridges.FirstOrDefault(b => b.Id == m.BridgeId);
            var node = bridge?.Nodes.FirstOrDefault(n => n.Id == m.CallNodeId);
            var participants = m.Participants.OrderBy(p => p.Name ?? p.Address ?? p.Email, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id)
                .Select(LiveParticipantView.From).ToList();
            return new LiveMeetingView(m.Id, m.Title, m.State, m.StartUtc.AddMinutes(-m.EarlyJoinMinutes), m.StartUtc, m.EndUtc, m.BridgeId,
                bridge?.DisplayName ?? "(removed bridge)", simulated.Contains(m.BridgeId), node?.Name, m.CallId, m.NumericId, m.Locked, m.Extensions,
                m.OrganizerId, m.OrganizerName, m.CancelReason, participants);
        }).ToList();
    }
}
