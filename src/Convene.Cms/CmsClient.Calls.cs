using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/calls</c>, every page: the calls active on this node.</summary>
    /// <param name="coSpaceId">Only the calls of this space (<c>coSpaceFilter</c>).</param>
    /// <param name="tenantId">Only the calls of this tenant (<c>tenantFilter</c>).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<CmsCallSummary> ListCallsAsync(string? coSpaceId = null, string? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        var query = new Query()
            .Add("coSpaceFilter", coSpaceId is null ? null : Id(coSpaceId))
            .Add("tenantFilter", tenantId is null ? null : Id(tenantId));
        return ListAsync("/api/v1/calls", "calls", "call", query, CmsCallSummary.Parse, cancellationToken);
    }

    /// <summary><c>GET /api/v1/calls/{id}</c>.</summary>
    public Task<CmsCall> GetCallAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/calls/" + Id(id), "call", CmsCall.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/calls</c> with <c>coSpace</c>: starts the space's meeting on this node
    /// (as TMS does at meeting start); returns the call's id. Not retried: a repeated POST can make a second call.</summary>
    /// <param name="spaceId">The space to start.</param>
    /// <param name="changes">Settings for the new call, such as <see cref="CallChanges.Locked"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<string> CreateCallAsync(string spaceId, CallChanges? changes = null, CancellationToken cancellationToken = default)
    {
        var form = new FormBody().Add("coSpace", Id(spaceId));
        changes?.AddTo(form);
        return CreateAsync("/api/v1/calls", form, cancellationToken);
    }

    /// <summary><c>PUT /api/v1/calls/{id}</c>: changes a live call (lock, recording, banner, …).</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing, or sets <see cref="CallChanges.CallBridgeGroup"/>
    /// (a call's group is chosen when it is created).</exception>
    public Task UpdateCallAsync(string id, CallChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.CallBridgeGroup is not null)
        {
            throw new ArgumentException("A call's Call Bridge Group is given when the call is created, not changed later.", nameof(changes));
        }
        var path = "/api/v1/calls/" + Id(id);
        return PutAsync(path, NotEmpty(changes.AddTo(new FormBody()), nameof(changes)), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/calls/{id}</c>: ends this node's instance of the meeting (TMS's "end meeting").
    /// Instances on other nodes are separate calls: end each on its own node.</summary>
    public Task DeleteCallAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/calls/" + Id(id), cancellationToken);

    /// <summary>Locks (new participants wait in the lobby) or unlocks a call.</summary>
    public Task LockCallAsync(string id, bool locked, CancellationToken cancellationToken = default) =>
        UpdateCallAsync(id, new CallChanges { Locked = locked }, cancellationToken);

    /// <summary>Shows a message banner on the call's SIP endpoints.</summary>
    /// <param name="id">The call.</param>
    /// <param name="text">The banner's text.</param>
    /// <param name="position">Where it shows.</param>
    /// <param name="duration">How long it shows.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task SetMessageBannerAsync(string id, string text, MessagePosition position, MessageDuration duration,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var changes = new CallChanges { MessageText = text, MessagePosition = position, MessageDuration = duration };
        return UpdateCallAsync(id, changes, cancellationToken);
    }

    /// <summary>Removes the call's message banner (its text, position and duration are unset).</summary>
    public Task ClearMessageBannerAsync(string id, CancellationToken cancellationToken = default) =>
        UpdateCallAsync(id, new CallChanges { MessageText = CmsParam.Clear, MessagePosition = CmsParam.Clear, MessageDuration = CmsParam.Clear },
            cancellationToken);

    /// <summary>Refuses a modify request that would send nothing: a PUT with an empty body changes nothing
    /// and most likely hides a caller's mistake.</summary>
    private static FormBody NotEmpty(FormBody form, string name) =>
        form.Count > 0 ? form : throw new ArgumentException("The changes set no parameter.", name);
}
