using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/cospaceBulkParameterSets</c>, every page.</summary>
    public IAsyncEnumerable<CmsBulkParameterSet> ListBulkParameterSetsAsync(CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/cospaceBulkParameterSets", "cospaceBulkParameterSets", "cospaceBulkParameterSet", null, CmsBulkParameterSet.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/cospaceBulkParameterSets/{id}</c>.</summary>
    public Task<CmsBulkParameterSet> GetBulkParameterSetAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/cospaceBulkParameterSets/" + Id(id), "cospaceBulkParameterSet", CmsBulkParameterSet.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/cospaceBulkParameterSets</c>; returns the new id. Nothing changes on the
    /// bridge until a sync runs the set.</summary>
    public Task<string> CreateBulkParameterSetAsync(BulkParameterSetChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.StartIndex.IsSet || !values.EndIndex.IsSet)
        {
            throw new ArgumentException("A bulk parameter set needs StartIndex and EndIndex.", nameof(values));
        }
        return CreateAsync("/api/v1/cospaceBulkParameterSets", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/cospaceBulkParameterSets/{id}</c>; takes effect at the next sync.</summary>
    public Task UpdateBulkParameterSetAsync(string id, BulkParameterSetChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/cospaceBulkParameterSets/" + Id(id), changes.ToForm(), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/cospaceBulkParameterSets/{id}</c> (the spaces it made stay).</summary>
    public Task DeleteBulkParameterSetAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/cospaceBulkParameterSets/" + Id(id), cancellationToken);

    /// <summary><c>POST /api/v1/cospaceBulkSyncs</c>: queues a run of the set; returns the sync's id.
    /// With <paramref name="removeAll"/>, it only removes the set's spaces.</summary>
    public Task<string> StartBulkSyncAsync(string parameterSetId, bool removeAll = false, CancellationToken cancellationToken = default)
    {
        var form = new FormBody().Add("cospaceBulkParameterSet", Id(parameterSetId));
        if (removeAll)
        {
            form.Add("removeAll", true);
        }
        return CreateAsync("/api/v1/cospaceBulkSyncs", form, cancellationToken);
    }

    /// <summary><c>GET /api/v1/cospaceBulkSyncs/{id}</c>.</summary>
    public Task<CmsBulkSync> GetBulkSyncAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/cospaceBulkSyncs/" + Id(id), "cospaceBulkSync", CmsBulkSync.Parse, cancellationToken);

    /// <summary>Polls a sync until it completes or fails, and returns it. Throws
    /// <see cref="TimeoutException"/> when it is still pending or running after <paramref name="timeout"/>.</summary>
    public async Task<CmsBulkSync> WaitForBulkSyncAsync(string id, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var started = _time.GetTimestamp();
        while (true)
        {
            var sync = await GetBulkSyncAsync(id, cancellationToken).ConfigureAwait(false);
            if (sync.IsTerminal)
            {
                return sync;
            }
            if (_time.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"CMS {Endpoint.Name}: bulk sync {id} is still {sync.StatusText} after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(pollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
