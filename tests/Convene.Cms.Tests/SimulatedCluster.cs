using System.Text.RegularExpressions;
using Convene.Cms.Simulator;
using Microsoft.Extensions.Logging;

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
    public CmsClient Client(int index = 0, CmsClientOptions? options = null, TimeProvider? time = null, ILogger<CmsClient>? logger = null)
    {
        var client = new CmsClient(Endpoint(index), options, logger, time);
        _clients.Add(client);
        return client;
    }

    /// <summary>Node <paramref name="index"/>'s endpoint with its own credentials.</summary>
    public CmsEndpoint Endpoint(int index = 0)
    {
        var node = Host.Nodes[index];
        return new CmsEndpoint(node.ApiUrl, node.Username, node.Password, name: node.Name);
    }

    /// <summary>The form body of the last request that starts with <paramref name="request"/>
    /// ("PUT /api/v1/coSpaces/…"), as the node traced it (passcodes masked), or null when it had none.</summary>
    public async Task<string?> FormAsync(string request, int index = 0)
    {
        var lines = (await TraceAsync(index))
            .Select(l => Regex.Match(l, "API trace (\\d+): (.*)$"))
            .Where(m => m.Success)
            .Select(m => (N: m.Groups[1].Value, Text: m.Groups[2].Value))
            .ToList();
        var space = request.IndexOf(' ', StringComparison.Ordinal);
        var head = $"{request[..space]} for \"{request[(space + 1)..]}";
        var n = lines.LastOrDefault(l => l.Text.StartsWith(head, StringComparison.Ordinal)).N
            ?? throw new InvalidOperationException($"The node received no {request}.");
        var own = lines.Where(l => l.N == n).Select(l => l.Text).ToList();
        var start = own.FindIndex(t => t.StartsWith("content data size", StringComparison.Ordinal));
        var body = own.Skip(start + 1).TakeWhile(t => !t.StartsWith("sending ", StringComparison.Ordinal)).ToList();
        // The simulator writes a masked passcode line without the '&' that ended it; put it back.
        return start < 0 ? null : string.Join("", body.Select((t, i) => t == "passcode=*****" && i < body.Count - 1 ? t + "&" : t));
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
