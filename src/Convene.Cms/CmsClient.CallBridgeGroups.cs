using System.Runtime.CompilerServices;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/callBridgeGroups</c>, every page (entries carry the name only).</summary>
    public IAsyncEnumerable<CmsCallBridgeGroup> ListCallBridgeGroupsAsync(CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/callBridgeGroups", "callBridgeGroups", "callBridgeGroup", null, CmsCallBridgeGroup.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/callBridgeGroups/{id}</c>: name and load-balancing flags.</summary>
    public Task<CmsCallBridgeGroup> GetCallBridgeGroupAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/callBridgeGroups/" + Id(id), "callBridgeGroup", CmsCallBridgeGroup.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/callBridgeGroups</c>; returns the new id.</summary>
    public Task<string> CreateCallBridgeGroupAsync(CallBridgeGroupChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/callBridgeGroups", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/callBridgeGroups/{id}</c>: changes only what is set.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing.</exception>
    public Task UpdateCallBridgeGroupAsync(string id, CallBridgeGroupChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var path = "/api/v1/callBridgeGroups/" + Id(id);
        return PutAsync(path, NotEmpty(changes.ToForm(), nameof(changes)), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/callBridgeGroups/{id}</c>.</summary>
    public Task DeleteCallBridgeGroupAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/callBridgeGroups/" + Id(id), cancellationToken);

    /// <summary>The members of a Call Bridge Group: the call bridges whose <c>callBridgeGroup</c> is
    /// <paramref name="groupId"/>. CMS keeps membership on each call bridge, so this reads <c>callBridges</c>
    /// and each <c>callBridges/{id}</c> (one request per bridge, as discovery does).</summary>
    public async IAsyncEnumerable<CmsCallBridge> ListCallBridgeGroupMembersAsync(string groupId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var group = Id(groupId);
        await foreach (var entry in ListCallBridgesAsync(cancellationToken).ConfigureAwait(false))
        {
            CmsCallBridge bridge;
            try
            {
                bridge = await GetCallBridgeAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                continue; // removed between the list and the read
            }
            if (string.Equals(bridge.CallBridgeGroup, group, StringComparison.OrdinalIgnoreCase))
            {
                yield return bridge;
            }
        }
    }
}
