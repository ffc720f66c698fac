namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/callBridges</c>, every page: the cluster's nodes (names only; ask each
    /// for its address with <see cref="GetCallBridgeAsync"/>).</summary>
    public IAsyncEnumerable<CmsCallBridge> ListCallBridgesAsync(CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/callBridges", "callBridges", "callBridge", null, CmsCallBridge.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/callBridges/{id}</c>: name, address and SIP domain.</summary>
    public Task<CmsCallBridge> GetCallBridgeAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/callBridges/" + Id(id), "callBridge", CmsCallBridge.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/callBridges</c>; returns the new id.</summary>
    public Task<string> CreateCallBridgeAsync(CallBridgeChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/callBridges", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/callBridges/{id}</c>: changes only what is set.</summary>
    public Task UpdateCallBridgeAsync(string id, CallBridgeChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/callBridges/" + Id(id), changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/callBridges/{id}</c>.</summary>
    public Task DeleteCallBridgeAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/callBridges/" + Id(id), cancellationToken);
}
