using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary>Most participant ids one change to all may name (<c>filterIds</c>).</summary>
    public const int MaxFilterIds = 20;

    /// <summary><c>GET /api/v1/participants</c>, every page: the participants of the meetings this node
    /// hosts, including those hosted on other nodes (<see cref="CmsParticipantSummary.CallBridge"/> set).</summary>
    public IAsyncEnumerable<CmsParticipantSummary> ListParticipantsAsync(ParticipantFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/participants", "participants", "participant", filter?.ToQuery(), CmsParticipantSummary.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/calls/{id}/participants</c>, every page: the participants of one call, on every node.</summary>
    public IAsyncEnumerable<CmsParticipantSummary> ListParticipantsAsync(string callId, ParticipantFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        ListAsync($"/api/v1/calls/{Id(callId)}/participants", "participants", "participant", filter?.ToQuery(),
            CmsParticipantSummary.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/participants/{id}/callLegs</c>, every page: the participant's legs, shaped as
    /// <c>GET callLegs</c> lists them (name, remote party, <c>originalRemoteParty</c>, call).</summary>
    public IAsyncEnumerable<CmsCallLegSummary> ListParticipantCallLegsAsync(string participantId, CancellationToken cancellationToken = default) =>
        ListAsync($"/api/v1/participants/{Id(participantId)}/callLegs", "callLegs", "callLeg", null, CmsCallLegSummary.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/participants/{id}</c>.</summary>
    public Task<CmsParticipant> GetParticipantAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/participants/" + Id(id), "participant", CmsParticipant.Parse, cancellationToken);

    /// <summary>
    /// <c>POST /api/v1/calls/{id}/participants</c>: calls someone into the meeting, on this node or on the
    /// node <see cref="AddParticipant.CallBridge"/> names; returns the participant's id. Not retried.
    /// A full meeting answers <see cref="CmsErrorKind.Refused"/> with <c>participantLimitReached</c>.
    /// </summary>
    public Task<string> AddParticipantAsync(string callId, AddParticipant request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateAsync($"/api/v1/calls/{Id(callId)}/participants", request.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/participants/{id}</c>: importance, lobby, name label. Only the hosting node may change it.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing.</exception>
    public Task UpdateParticipantAsync(string id, ParticipantChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var path = "/api/v1/participants/" + Id(id);
        return PutAsync(path, NotEmpty(changes.AddTo(new FormBody()), nameof(changes)), cancellationToken);
    }

    /// <summary>Admits a participant waiting in the lobby (<c>deactivated=false</c>).</summary>
    public Task AdmitFromLobbyAsync(string participantId, CancellationToken cancellationToken = default) =>
        UpdateParticipantAsync(participantId, new ParticipantChanges { Deactivated = false }, cancellationToken);

    /// <summary>Moves a participant back to the lobby (<c>deactivated=true</c>).</summary>
    public Task MoveToLobbyAsync(string participantId, CancellationToken cancellationToken = default) =>
        UpdateParticipantAsync(participantId, new ParticipantChanges { Deactivated = true }, cancellationToken);

    /// <summary><c>DELETE /api/v1/participants/{id}</c>: hangs up all of the participant's legs.</summary>
    public Task DisconnectParticipantAsync(string participantId, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/participants/" + Id(participantId), cancellationToken);

    /// <summary>
    /// <c>PUT /api/v1/calls/{id}/participants/*</c>: one change for many participants of the call: all
    /// of them except <paramref name="filterIds"/> (<see cref="ParticipantSelection.Exclude"/>), or only those.
    /// </summary>
    /// <param name="callId">The call.</param>
    /// <param name="changes">The change.</param>
    /// <param name="filterIds">At most <see cref="MaxFilterIds"/> participant ids.</param>
    /// <param name="mode">Whether <paramref name="filterIds"/> are left out or the only ones changed.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">Nothing to change, more than 20 ids, an id that is not a GUID, or
    /// <see cref="ParticipantSelection.Selected"/> with no ids.</exception>
    public Task UpdateAllParticipantsAsync(string callId, AllParticipantsChanges changes, IReadOnlyCollection<string>? filterIds = null,
        ParticipantSelection mode = ParticipantSelection.Exclude, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var path = $"/api/v1/calls/{Id(callId)}/participants/*";
        var form = NotEmpty(changes.AddTo(new FormBody()), nameof(changes));
        var ids = filterIds ?? [];
        if (ids.Count > MaxFilterIds)
        {
            throw new ArgumentException($"CMS takes at most {MaxFilterIds} participant ids in filterIds; {ids.Count} were given.", nameof(filterIds));
        }
        if (mode == ParticipantSelection.Selected && ids.Count == 0)
        {
            throw new ArgumentException("Selected mode with no participant ids would change no one.", nameof(filterIds));
        }
        if (ids.Count > 0)
        {
            form.Add("filterIds", string.Join(',', ids.Select(i => CmsIds.Check(i, nameof(filterIds)))));
        }
        form.Add("mode", CmsEnum.ToWire(mode));
        return PutAsync(path, form, cancellationToken);
    }

    /// <summary>Mutes (or unmutes) what every participant says, except <paramref name="except"/> (such as the chair).</summary>
    public Task MuteAllAsync(string callId, bool muted, IReadOnlyCollection<string>? except = null, CancellationToken cancellationToken = default) =>
        UpdateAllParticipantsAsync(callId, new AllParticipantsChanges { RxAudioMute = muted }, except, ParticipantSelection.Exclude, cancellationToken);

    /// <summary>Sets every participant's layout, except <paramref name="except"/>.</summary>
    public Task SetLayoutForAllAsync(string callId, Layout layout, IReadOnlyCollection<string>? except = null,
        CancellationToken cancellationToken = default) =>
        UpdateAllParticipantsAsync(callId, new AllParticipantsChanges { Layout = layout }, except, ParticipantSelection.Exclude, cancellationToken);
}
