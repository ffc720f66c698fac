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

    /// <summary><c>GET /api/v1/system/cdrReceivers/{id}</c>.</summary>
    public Task<CmsCdrReceiver> GetCdrReceiverAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/system/cdrReceivers/" + Id(id), "cdrReceiver", CmsCdrReceiver.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/system/cdrReceivers</c> (a node takes at most two); returns the new id.</summary>
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

    /// <summary>Checks an object id before it goes into a path: a GUID, as CMS ids are.</summary>
    private static string Id(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? name = null) =>
        CmsIds.Check(id, name ?? nameof(id));
}
