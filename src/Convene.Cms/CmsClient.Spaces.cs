namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/coSpaces</c>, every page, optionally filtered.</summary>
    public IAsyncEnumerable<CmsSpace> ListSpacesAsync(SpaceFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/coSpaces", "coSpaces", "coSpace", filter?.ToQuery(), CmsSpace.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/coSpaces/{id}</c>: every value that is set.</summary>
    public Task<CmsSpace> GetSpaceAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/coSpaces/" + Id(id), "coSpace", CmsSpace.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/coSpaces</c>; returns the new id. A taken URI or call ID fails with
    /// <see cref="CmsErrorKind.Duplicate"/> (<c>duplicateCoSpaceUri</c>, <c>duplicateCoSpaceId</c>).</summary>
    public Task<string> CreateSpaceAsync(SpaceChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/coSpaces", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/coSpaces/{id}</c>: changes only what is set.</summary>
    public Task UpdateSpaceAsync(string id, SpaceChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/coSpaces/" + Id(id), changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/coSpaces/{id}</c>.</summary>
    public Task DeleteSpaceAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/coSpaces/" + Id(id), cancellationToken);

    /// <summary><c>GET /api/v1/coSpaces/{id}/meetingEntryDetail</c> (2.1 and later): the URI, call ID and,
    /// on bridges that give them, passcode and web join link, for an invitation.</summary>
    public Task<CmsMeetingEntryDetail> GetMeetingEntryDetailAsync(string spaceId, CancellationToken cancellationToken = default) =>
        GetOneAsync($"/api/v1/coSpaces/{Id(spaceId)}/meetingEntryDetail", "meetingEntryDetail", CmsMeetingEntryDetail.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/coSpaces/{id}/accessMethods</c>, every page.</summary>
    public IAsyncEnumerable<CmsAccessMethod> ListAccessMethodsAsync(string spaceId, CancellationToken cancellationToken = default) =>
        ListAsync($"/api/v1/coSpaces/{Id(spaceId)}/accessMethods", "accessMethods", "accessMethod", null, CmsAccessMethod.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/coSpaces/{id}/accessMethods/{id}</c>.</summary>
    public Task<CmsAccessMethod> GetAccessMethodAsync(string spaceId, string id, CancellationToken cancellationToken = default) =>
        GetOneAsync($"/api/v1/coSpaces/{Id(spaceId)}/accessMethods/{Id(id)}", "accessMethod", CmsAccessMethod.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/coSpaces/{id}/accessMethods</c>; returns the new id.</summary>
    public Task<string> CreateAccessMethodAsync(string spaceId, AccessMethodChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync($"/api/v1/coSpaces/{Id(spaceId)}/accessMethods", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/coSpaces/{id}/accessMethods/{id}</c>: changes only what is set.</summary>
    public Task UpdateAccessMethodAsync(string spaceId, string id, AccessMethodChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync($"/api/v1/coSpaces/{Id(spaceId)}/accessMethods/{Id(id)}", changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/coSpaces/{id}/accessMethods/{id}</c>.</summary>
    public Task DeleteAccessMethodAsync(string spaceId, string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/api/v1/coSpaces/{Id(spaceId)}/accessMethods/{Id(id)}", cancellationToken);
}
