using Microsoft.Extensions.Logging;

namespace Convene.Cms;

/// <summary>One Call Bridge of a cluster, as discovered from the <c>callBridges</c> table.</summary>
/// <param name="CallBridgeId">Its id in <c>callBridges</c>; null for a standalone node that has no table.</param>
/// <param name="Name">Its unique name; for a node without one, its address (host and port).</param>
/// <param name="Address">Its API address from <c>callBridges/{id}</c>, when the table gives one.</param>
/// <param name="IsSeed">The node discovery started from.</param>
public sealed record CmsClusterNode(string? CallBridgeId, string Name, Uri? Address, bool IsSeed);

/// <summary>Whether a node answered a probe, with its status or why not.</summary>
/// <param name="Node">The node.</param>
/// <param name="Reachable">It answered <c>system/status</c>.</param>
/// <param name="Status">What it answered.</param>
/// <param name="Error">Why it did not answer.</param>
/// <param name="Detail">The error's message.</param>
/// <param name="Latency">How long the probe took.</param>
public sealed record CmsNodeHealth(CmsClusterNode Node, bool Reachable, CmsSystemStatus? Status, CmsErrorKind? Error, string? Detail, TimeSpan Latency);

/// <summary>
/// A CMS cluster seen from one node: discovers every Call Bridge through the API (as TMS does:
/// <c>callBridges</c>, then each <c>callBridges/{id}</c>), tells which entry is the seed node (its
/// <c>system/configuration/cluster</c> <c>uniqueName</c>, or its address when that is unset), gives a client
/// per node, and probes which nodes answer.
/// </summary>
public sealed class CmsCluster : IDisposable
{
    private readonly Dictionary<CmsClusterNode, CmsClient> _clients;
    private readonly TimeProvider _time;

    private CmsCluster(IReadOnlyList<CmsClusterNode> nodes, Dictionary<CmsClusterNode, CmsClient> clients, TimeProvider time)
    {
        Nodes = nodes;
        _clients = clients;
        _time = time;
    }

    /// <summary>Every node of the cluster, the seed among them.</summary>
    public IReadOnlyList<CmsClusterNode> Nodes { get; }

    /// <summary>The node discovery started from.</summary>
    public CmsClusterNode Seed => Nodes.First(n => n.IsSeed);

    /// <summary>Discovers the cluster that <paramref name="seed"/> belongs to.</summary>
    /// <param name="seed">A node's endpoint.</param>
    /// <param name="endpointFor">The endpoint of another node (its own address, credentials or pin); when
    /// it answers null, the node's <c>callBridges</c> address with the seed's credentials is used.</param>
    /// <param name="options">Client options for every node.</param>
    /// <param name="loggerFactory">For the clients' loggers.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Cancels discovery.</param>
    public static async Task<CmsCluster> DiscoverAsync(CmsEndpoint seed, Func<CmsClusterNode, CmsEndpoint?>? endpointFor = null,
        CmsClientOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var time = timeProvider ?? TimeProvider.System;
        CmsClient Create(CmsEndpoint endpoint) => new(endpoint, options, loggerFactory?.CreateLogger<CmsClient>(), time);
        var seedClient = Create(seed);
        try
        {
            var uniqueName = (await seedClient.GetClusterConfigurationAsync(cancellationToken).ConfigureAwait(false)).UniqueName;
            var bridges = new List<CmsCallBridge>();
            await foreach (var entry in seedClient.ListCallBridgesAsync(cancellationToken).ConfigureAwait(false))
            {
                bridges.Add(await seedClient.GetCallBridgeAsync(entry.Id, cancellationToken).ConfigureAwait(false));
            }
            var seedEntry = bridges.Count == 0 ? null : FindSeedEntry(bridges, uniqueName, seed)
                ?? throw new CmsApiException(CmsErrorKind.InvalidResponse, seed.Name, "GET", "/api/v1/callBridges", null, [],
                    $"CMS {seed.Name}: none of the cluster's {bridges.Count} call bridges is this node (its uniqueName is " +
                    $"{(uniqueName is null ? "unset" : $"'{uniqueName}'")} and no entry has its address {seed.BaseAddress.Authority}): the callBridges table and the cluster configuration disagree");
            // A node without a unique name (<uniqueName/>) is named by its address.
            var nodes = bridges.Count == 0
                ? [new CmsClusterNode(null, uniqueName ?? seed.Name, seed.BaseAddress, IsSeed: true)]
                : bridges.Select(b => new CmsClusterNode(b.Id, b.Name ?? TryAddress(b.Address)?.Authority ?? b.Id, TryAddress(b.Address), ReferenceEquals(b, seedEntry))).ToList();
            var clients = new Dictionary<CmsClusterNode, CmsClient>();
            foreach (var node in nodes)
            {
                if (node.IsSeed)
                {
                    clients[node] = seedClient;
                }
                else if ((endpointFor?.Invoke(node) ?? Fallback(node, seed)) is { } endpoint)
                {
                    clients[node] = Create(endpoint);
                }
            }
            return new CmsCluster(nodes, clients, time);
        }
        catch
        {
            seedClient.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="node"/> has an endpoint and can be addressed.</summary>
    public bool CanReach(CmsClusterNode node) => _clients.ContainsKey(node);

    /// <summary>The client of a node, by name or callBridge id.</summary>
    public CmsClient Client(string nameOrCallBridgeId)
    {
        var node = Nodes.FirstOrDefault(n => string.Equals(n.Name, nameOrCallBridgeId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(n.CallBridgeId, nameOrCallBridgeId, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The cluster has no call bridge '{nameOrCallBridgeId}'.", nameof(nameOrCallBridgeId));
        return _clients.TryGetValue(node, out var client)
            ? client
            : throw new InvalidOperationException($"Call bridge '{node.Name}' has no API address in the callBridges table; give its endpoint when discovering.");
    }

    /// <summary>Asks every addressable node for <c>system/status</c>, all at once.</summary>
    public async Task<IReadOnlyList<CmsNodeHealth>> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var probes = Nodes.Select(async node =>
        {
            if (!_clients.TryGetValue(node, out var client))
            {
                return new CmsNodeHealth(node, false, null, null, "no API address", TimeSpan.Zero);
            }
            var started = _time.GetTimestamp();
            try
            {
                var status = await client.GetSystemStatusAsync(cancellationToken).ConfigureAwait(false);
                return new CmsNodeHealth(node, true, status, null, null, _time.GetElapsedTime(started));
            }
            catch (CmsApiException e)
            {
                return new CmsNodeHealth(node, false, null, e.Kind, e.Message, _time.GetElapsedTime(started));
            }
        });
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values.Distinct())
        {
            client.Dispose();
        }
    }

    /// <summary>The seed's entry: the one named as its <c>uniqueName</c>; when that is unset (a real CMS writes
    /// <c>&lt;uniqueName/&gt;</c>) or names no entry, the one whose address is the seed's.</summary>
    private static CmsCallBridge? FindSeedEntry(List<CmsCallBridge> bridges, string? uniqueName, CmsEndpoint seed) =>
        (uniqueName is null ? null : bridges.FirstOrDefault(b => string.Equals(b.Name, uniqueName, StringComparison.OrdinalIgnoreCase)))
        ?? bridges.FirstOrDefault(b => TryAddress(b.Address) is { } address
            && string.Equals(address.Authority, seed.BaseAddress.Authority, StringComparison.OrdinalIgnoreCase));

    private static Uri? TryAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        try
        {
            return CmsEndpoint.ParseAddress(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static CmsEndpoint? Fallback(CmsClusterNode node, CmsEndpoint seed)
    {
        if (node.Address is null)
        {
            return null;
        }
        try
        {
            return new CmsEndpoint(node.Address, seed.Username, seed.Password, name: node.Name);
        }
        catch (ArgumentException)
        {
            // Plain http to a remote address: the caller must give this node's endpoint.
            return null;
        }
    }
}
