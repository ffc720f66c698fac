using System.Collections.Concurrent;
using Convene.Cms;
using Microsoft.Extensions.Options;

namespace Convene.Bridges;

public sealed class CmsConnectionOptions
{
    public const string Section = "Convene:Cms";

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// CMS clients for the nodes of managed bridges, made from the stored address, credentials (decrypted
/// only here) and pin, and remade when those change. <see cref="RunAsync{T}"/> fails over: the preferred
/// node first, then every other node, reachable ones first — not one alternate address as TMS did.
/// </summary>
public sealed class BridgeConnections(BridgeSecrets secrets, IOptions<CmsConnectionOptions> options, ILoggerFactory loggers, TimeProvider time,
    BridgeRequestLog requests) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, (string Key, CmsClient Client)> _clients = new();

    /// <summary>The client of one node; the bridge's seed credentials unless the node has its own.</summary>
    public CmsClient Client(Bridge bridge, BridgeNode node)
    {
        var endpoint = Endpoint(bridge, node);
        var key = $"{endpoint.BaseAddress}|{endpoint.Username}|{endpoint.Password.GetHashCode(StringComparison.Ordinal)}|{endpoint.CertificateSha256}";
        if (_clients.TryGetValue(node.Id, out var cached) && cached.Key == key)
        {
            return cached.Client;
        }
        var client = new CmsClient(endpoint, new CmsClientOptions
        {
            RequestTimeout = options.Value.RequestTimeout,
            MaxRetries = options.Value.MaxRetries,
            RetryDelay = options.Value.RetryDelay,
            Observer = record => requests.Add(bridge.Id, record),
        }, loggers.CreateLogger<CmsClient>(), time);
        _clients[node.Id] = (key, client);
        if (cached.Client is not null)
        {
            cached.Client.Dispose();
        }
        return client;
    }

    public CmsEndpoint Endpoint(Bridge bridge, BridgeNode node)
    {
        var seed = bridge.Nodes.FirstOrDefault(n => n.IsSeed) ?? node;
        var address = node.ApiAddress ?? throw new ProblemException(409, $"Node {node.Name} of {bridge.DisplayName} has no API address; set one in its node settings.");
        var username = node.Username ?? seed.Username ?? throw new ProblemException(409, $"{bridge.DisplayName} has no API user.");
        var password = secrets.Unprotect(node.ProtectedPassword ?? seed.ProtectedPassword ?? throw new ProblemException(409, $"{bridge.DisplayName} has no API password."));
        return new CmsEndpoint(CmsEndpoint.ParseAddress(address), username, password, node.CertificateSha256, node.Name);
    }

    /// <summary>Nodes in the order operations try them: preferred (or seed), then reachable, then the rest.</summary>
    public static IEnumerable<BridgeNode> FailoverOrder(Bridge bridge) => bridge.Nodes
        .Where(n => n.ApiAddress is not null)
        .OrderByDescending(n => n.Id == bridge.PreferredNodeId)
        .ThenByDescending(n => bridge.PreferredNodeId is null && n.IsSeed)
        .ThenByDescending(n => n.Reachable != false)
        .ThenBy(n => n.Name, StringComparer.Ordinal);

    /// <summary>Runs an operation on the first node that can take it; moves on when a node cannot be
    /// reached, times out or is busy. For operations on the cluster's shared database (spaces, profiles,
    /// bulk provisioning), which every node serves alike.</summary>
    public async Task<T> RunAsync<T>(Bridge bridge, Func<CmsClient, BridgeNode, Task<T>> operation)
    {
        CmsApiException? last = null;
        foreach (var node in FailoverOrder(bridge))
        {
            CmsClient client;
            try
            {
                client = Client(bridge, node);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or ProblemException)
            {
                last = new CmsApiException(CmsErrorKind.Connection, node.Name, "", "", null, [], $"CMS {node.Name}: no client can be made for it: {e.Message}", e);
                continue;
            }
            try
            {
                return await operation(client, node);
            }
            catch (CmsApiException e) when (e.IsTransient)
            {
                last = e;
            }
        }
        if (last is not null)
        {
            throw last;
        }
        throw new ProblemException(409, $"{bridge.DisplayName} has no node with an API address.");
    }

    public void Forget(Bridge bridge)
    {
        requests.Forget(bridge.Id);
        foreach (var node in bridge.Nodes)
        {
            if (_clients.TryRemove(node.Id, out var entry))
            {
                entry.Client.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _clients.Values)
        {
            entry.Client.Dispose();
        }
    }
}
