namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/dialTransforms</c>, every page; <paramref name="filter"/> matches the
    /// match and transform expressions (API reference, "Dial Transforms").</summary>
    public IAsyncEnumerable<CmsDialTransform> ListDialTransformsAsync(string? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/dialTransforms", "dialTransforms", "dialTransform", new Protocol.Query().Add("filter", filter),
            CmsDialTransform.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/dialTransforms/{id}</c>.</summary>
    public Task<CmsDialTransform> GetDialTransformAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/dialTransforms/" + Id(id), "dialTransform", CmsDialTransform.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/dialTransforms</c>; returns the new id. A match or transform the bridge
    /// cannot use is refused (<see cref="CmsApiException"/> with a <c>parameterError</c>).</summary>
    public Task<string> CreateDialTransformAsync(DialTransformChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateAsync("/api/v1/dialTransforms", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/dialTransforms/{id}</c>: changes only what is set.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing.</exception>
    public Task UpdateDialTransformAsync(string id, DialTransformChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/dialTransforms/" + Id(id), NotEmpty(changes.ToForm(), nameof(changes)), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/dialTransforms/{id}</c>.</summary>
    public Task DeleteDialTransformAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/dialTransforms/" + Id(id), cancellationToken);
}
