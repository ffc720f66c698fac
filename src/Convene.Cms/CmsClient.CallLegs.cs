using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/callLegs</c>, every page: every call leg on this node.</summary>
    public IAsyncEnumerable<CmsCallLegSummary> ListCallLegsAsync(CallLegFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/callLegs", "callLegs", "callLeg", filter?.ToQuery(), CmsCallLegSummary.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/calls/{id}/callLegs</c>, every page: the legs of one call.</summary>
    public IAsyncEnumerable<CmsCallLegSummary> ListCallLegsAsync(string callId, CallLegFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        ListAsync($"/api/v1/calls/{Id(callId)}/callLegs", "callLegs", "callLeg", filter?.ToQuery(), CmsCallLegSummary.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/callLegs/{id}</c>: the leg with its configuration and live status (media statistics once connected).</summary>
    public Task<CmsCallLeg> GetCallLegAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/callLegs/" + Id(id), "callLeg", CmsCallLeg.Parse, cancellationToken);

    /// <summary>
    /// <c>POST /api/v1/calls/{id}/callLegs</c>: dials out from the call with this node's outbound dial plan
    /// (not load balanced); returns the new leg's id. Never repeated blindly: a second POST would call the
    /// far end twice. Every dial-out carries an <c>ownerId</c> (<see cref="DialOut.OwnerId"/>, or a new
    /// GUID): when the answer is lost to a timeout, the client looks the leg up by it and returns the leg
    /// if the bridge made it; otherwise the timeout is thrown and nothing was dialled.
    /// </summary>
    public async Task<string> DialOutAsync(string callId, DialOut request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"/api/v1/calls/{Id(callId)}/callLegs";
        var ownerId = request.OwnerId ?? Guid.NewGuid().ToString("D");
        var form = (request with { OwnerId = ownerId }).ToForm();
        try
        {
            return await CreateAsync(path, form, cancellationToken).ConfigureAwait(false);
        }
        catch (CmsApiException lost) when (lost.Kind == CmsErrorKind.Timeout)
        {
            string? made;
            try
            {
                made = await FindCallLegByOwnerIdAsync(callId, ownerId, cancellationToken).ConfigureAwait(false);
            }
            catch (CmsApiException)
            {
                made = null;
            }
            if (made is null)
            {
                throw;
            }
            return made;
        }
    }

    /// <summary><c>PUT /api/v1/callLegs/{id}</c>: mutes, layout, lobby, name label, profile overrides.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing.</exception>
    public Task UpdateCallLegAsync(string id, CallLegChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var path = "/api/v1/callLegs/" + Id(id);
        return PutAsync(path, NotEmpty(changes.AddTo(new FormBody()), nameof(changes)), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/callLegs/{id}</c>: hangs up the leg.</summary>
    public Task DeleteCallLegAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/callLegs/" + Id(id), cancellationToken);

    /// <summary>Mutes (or unmutes) what the far end says: <c>rxAudioMute</c>.</summary>
    public Task MuteAudioAsync(string legId, bool muted, CancellationToken cancellationToken = default) =>
        UpdateCallLegAsync(legId, new CallLegChanges { RxAudioMute = muted }, cancellationToken);

    /// <summary>Stops (or restores) the far end's video: <c>rxVideoMute</c>.</summary>
    public Task MuteVideoAsync(string legId, bool muted, CancellationToken cancellationToken = default) =>
        UpdateCallLegAsync(legId, new CallLegChanges { RxVideoMute = muted }, cancellationToken);

    /// <summary>Sets the leg's layout: <c>chosenLayout</c>.</summary>
    public Task SetLayoutAsync(string legId, Layout layout, CancellationToken cancellationToken = default) =>
        UpdateCallLegAsync(legId, new CallLegChanges { ChosenLayout = layout }, cancellationToken);

    /// <summary>
    /// After a dial-out whose answer was lost, finds the leg it made: lists the call's legs that have an
    /// owner id (<c>ownerIdSet=true</c>; the list does not show the id), reads each, and compares
    /// <c>configuration/ownerId</c>. Returns the leg's id, or null when no leg carries <paramref name="ownerId"/>
    /// (the POST did not take effect, or the leg has already ended).
    /// </summary>
    public async Task<string?> FindCallLegByOwnerIdAsync(string callId, string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var filter = new CallLegFilter { OwnerIdSet = true };
        await foreach (var summary in ListCallLegsAsync(callId, filter, cancellationToken).ConfigureAwait(false))
        {
            CmsCallLeg leg;
            try
            {
                leg = await GetCallLegAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                continue; // ended between the list and the read
            }
            if (string.Equals(leg.OwnerId, ownerId, StringComparison.Ordinal))
            {
                return leg.Id;
            }
        }
        return null;
    }
}
