using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/callProfiles</c>, every page (list entries carry ids only).</summary>
    public IAsyncEnumerable<CmsCallProfile> ListCallProfilesAsync(ProfileUsage usage = ProfileUsage.Any, CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/callProfiles", "callProfiles", "callProfile", Usage(usage), CmsCallProfile.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/callProfiles/{id}</c>.</summary>
    public Task<CmsCallProfile> GetCallProfileAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/callProfiles/" + Id(id), "callProfile", CmsCallProfile.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/callProfiles</c>; returns the new id.</summary>
    public Task<string> CreateCallProfileAsync(CallProfileChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/callProfiles", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/callProfiles/{id}</c>: changes only what is set.</summary>
    public Task UpdateCallProfileAsync(string id, CallProfileChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/callProfiles/" + Id(id), changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/callProfiles/{id}</c>.</summary>
    public Task DeleteCallProfileAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/callProfiles/" + Id(id), cancellationToken);

    /// <summary><c>GET /api/v1/callLegProfiles</c>, every page (list entries carry ids only).</summary>
    public IAsyncEnumerable<CmsCallLegProfile> ListCallLegProfilesAsync(ProfileUsage usage = ProfileUsage.Any, CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/callLegProfiles", "callLegProfiles", "callLegProfile", Usage(usage), CmsCallLegProfile.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/callLegProfiles/{id}</c>.</summary>
    public Task<CmsCallLegProfile> GetCallLegProfileAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/callLegProfiles/" + Id(id), "callLegProfile", CmsCallLegProfile.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/callLegProfiles</c>; returns the new id.</summary>
    public Task<string> CreateCallLegProfileAsync(CallLegProfileChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/callLegProfiles", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/callLegProfiles/{id}</c>: changes only what is set.</summary>
    public Task UpdateCallLegProfileAsync(string id, CallLegProfileChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/callLegProfiles/" + Id(id), changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/callLegProfiles/{id}</c>.</summary>
    public Task DeleteCallLegProfileAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/callLegProfiles/" + Id(id), cancellationToken);

    private static Query? Usage(ProfileUsage usage) => usage switch
    {
        ProfileUsage.Referenced => new Query().Add("usageFilter", "referenced"),
        ProfileUsage.Unreferenced => new Query().Add("usageFilter", "unreferenced"),
        _ => null,
    };
}
