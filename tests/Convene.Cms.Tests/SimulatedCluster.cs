using Convene.Cms.Simulator;

namespace Convene.Cms.Tests;

/// <summary>A simulated cluster per test, and clients for its nodes. The simulator shares no code with
/// the client: a parsing bug fails a test instead of being mirrored.</summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly List<CmsClient> _clients = [];

    private SimulatedCluster(CmsSimulatorHost host) => Host = host;

    public CmsSimulatorHost Host { get; }

    public static async Task<SimulatedCluster> StartAsync(Action<CmsSimulatorOptions>? configure = null, TimeProvider? time = null) =>
        new(await CmsSimulatorHost.StartAsync(configure, time, TestContext.Current.CancellationToken));

    /// <summary>A client for node <paramref name="index"/> (0-based).</summary>
    public CmsClient Client(int index = 0, CmsClientOptions? options = null, TimeProvider? time = null)
    {
        var node = Host.Nodes[index];
        var client = new CmsClient(new CmsEndpoint(node.ApiUrl, node.Username, node.Password, name: node.Name), options, timeProvider: time);
        _clients.Add(client);
        return client;
    }

    /// <summary>The node's API trace as the simulator logged it.</summary>
    public async Task<string[]> TraceAsync(int index = 0)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Host.ControlUrl, $"sim/nodes/{Host.Nodes[index].Name}/trace?max=100000"), TestContext.Current.CancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf('\t') + 1)..]).ToArray();
    }

    /// <summary>The requests ("GET /api/v1/…") the node received, in order.</summary>
    public async Task<string[]> RequestsAsync(int index = 0) =>
        (await TraceAsync(index))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "API trace \\d+: (GET|POST|PUT|DELETE) for \"([^\"]+)\""))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")
            .ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Host.DisposeAsync();
    }
}
