using Convene.Cms.Protocol;

namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/system/status</c>: this node's version, uptime and counters.</summary>
    public Task<CmsSystemStatus> GetSystemStatusAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/status", "status", CmsSystemStatus.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/system/load</c>: this node's current media processing load.</summary>
    public Task<long?> GetMediaProcessingLoadAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/load", "load", e => e.Long("mediaProcessingLoad"), cancellationToken);

    /// <summary><c>GET /api/v1/system/alarms</c>, every page.</summary>
    public IAsyncEnumerable<CmsAlarm> ListAlarmsAsync(CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/system/alarms", "alarms", "alarm", null, CmsAlarm.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/system/configuration/cluster</c>: this node's unique name and limits.</summary>
    public Task<CmsClusterConfiguration> GetClusterConfigurationAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/configuration/cluster", "cluster", CmsClusterConfiguration.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/system/cdrReceivers</c>, every page.</summary>
    public IAsyncEnumerable<CmsCdrReceiver> ListCdrReceiversAsync(CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/system/cdrReceivers", "cdrReceivers", "cdrReceiver", null, CmsCdrReceiver.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/system/cdrReceivers</c>, every page, with the most receivers the node takes
    /// (the list's <c>maximum</c> attribute, read from the first page).</summary>
    public async Task<CmsCdrReceivers> GetCdrReceiversAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/api/v1/system/cdrReceivers";
        var receivers = new List<CmsCdrReceiver>();
        int? maximum = null;
        while (true)
        {
            var page = await GetAsync(path, "cdrReceivers", new Query().Add("offset", receivers.Count).Add("limit", _options.PageSize), cancellationToken)
                .ConfigureAwait(false);
            var (total, max, items) = Parse(HttpMethod.Get, path, page, p => (
                p.Attr("total") is { } t ? long.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException("<cdrReceivers> has no total attribute."),
                p.Attr("maximum") is { } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
                p.Elements("cdrReceiver").Select(CmsCdrReceiver.Parse).ToList()));
            maximum ??= max;
            var fresh = items.Where(r => !receivers.Any(seen => string.Equals(seen.Id, r.Id, StringComparison.OrdinalIgnoreCase))).ToList();
            receivers.AddRange(fresh);
            // A bridge that repeats a page would otherwise be asked forever.
            if (fresh.Count == 0 || receivers.Count >= total)
            {
                return new CmsCdrReceivers(receivers, maximum);
            }
        }
    }

    /// <summary><c>GET /api/v1/system/cdrReceivers/{id}</c>.</summary>
    public Task<CmsCdrReceiver> GetCdrReceiverAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/cdrReceivers/" + Id(id), "cdrReceiver", CmsCdrReceiver.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/system/cdrReceivers</c>; returns the new id. A node takes at most
    /// <see cref="CmsCdrReceivers.Maximum"/> (4 in current versions, 2 in R1.8); one more fails with
    /// <see cref="CmsErrorKind.Refused"/> (<c>tooManyCdrReceivers</c>).</summary>
    public Task<string> CreateCdrReceiverAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return CreateAsync("/api/v1/system/cdrReceivers", new FormBody().Add("uri", uri.ToString()), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/system/cdrReceivers/{id}</c>.</summary>
    public Task UpdateCdrReceiverAsync(string id, Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return PutAsync("/api/v1/system/cdrReceivers/" + Id(id), new FormBody().Add("uri", uri.ToString()), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/system/cdrReceivers/{id}</c>.</summary>
    public Task DeleteCdrReceiverAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/system/cdrReceivers/" + Id(id), cancellationToken);

    /// <summary><c>GET /api/v1/system/profiles</c>: the global profiles.</summary>
    public Task<CmsSystemProfiles> GetSystemProfilesAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/profiles", "profiles", CmsSystemProfiles.Parse, cancellationToken);

    /// <summary><c>PUT /api/v1/system/profiles</c>: sets or clears global profiles; only what is set is sent.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing, or a profile id is not a GUID.</exception>
    public Task UpdateSystemProfilesAsync(SystemProfilesChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PutAsync("/api/v1/system/profiles", NotEmpty(changes.ToForm(), nameof(changes)), cancellationToken);
    }

    /// <summary>Checks an object id before it goes into a path: a GUID, as CMS ids are.</summary>
    private static string Id(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? name = null) =>
        CmsIds.Check(id, name ?? nameof(id));
}
