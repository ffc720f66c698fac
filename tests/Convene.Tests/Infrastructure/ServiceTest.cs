using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Microsoft.AspNetCore.Mvc;

namespace Convene.Tests;

/// <summary>
/// The base of the integration tests: Convene (<see cref="ConveneFactory"/>) on the database the sealed
/// subclass chose, and simulated CMS clusters as its bridges. Everything a test starts is stopped after it.
/// </summary>
public abstract partial class ServiceTest(DatabaseKind kind, PostgresServer? postgres) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected DatabaseKind Kind => kind;

    /// <summary>Whether Convene runs Quartz in this class's tests: its periodic jobs (at start-up, then each interval of the
    /// clock) and the meetings' triggers. A class whose tests are not about scheduling turns it off, so no periodic run (a
    /// status poll, a drift check) lands among what a test counts when it moves the clock; such a test runs the job it
    /// needs itself (<see cref="Convene.Lifecycle.LifecycleRunner.RunJobAsync{TJob}"/>). With it on, each start waits until
    /// the start-up runs are over (<see cref="ConveneFactory.Start"/>).</summary>
    protected virtual bool Scheduled => true;

    /// <summary>Whether each new database comes with its key file made beforehand (a copy of one made per run), as
    /// most tests do not test how Convene makes it; a class that does turns it off.</summary>
    protected virtual bool PremadeKeyFile => true;

    protected async Task<TestDatabase> NewDatabaseAsync() => Own(await TestDatabase.CreateAsync(kind, postgres, PremadeKeyFile));

    /// <summary>Convene on a fresh database.</summary>
    protected async Task<ConveneFactory> StartConveneAsync(Action<IDictionary<string, string?>>? settings = null) =>
        StartConvene(await NewDatabaseAsync(), settings);

    /// <summary>Convene on a given database (a restart, or a second instance: that one with
    /// <paramref name="awaitStartUpJobs"/> false, see <see cref="ConveneFactory.Start"/>).</summary>
    protected ConveneFactory StartConvene(TestDatabase database, Action<IDictionary<string, string?>>? settings = null, bool awaitStartUpJobs = true) =>
        Own(ConveneFactory.Start(database, Scheduled ? settings : values =>
        {
            values["Convene:Lifecycle:SchedulerEnabled"] = "false";
            settings?.Invoke(values);
        }, awaitStartUpJobs));

    protected async Task<CmsSimulatorHost> StartClusterAsync(int nodes = 2, Action<CmsSimulatorOptions>? configure = null) =>
        Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = nodes;
            configure?.Invoke(o);
        }, cancellationToken: Ct));

    /// <summary>A cluster whose nodes share one API password, so Convene reaches every node with the
    /// credentials it was added with (by default each simulated node has its own).</summary>
    protected Task<CmsSimulatorHost> StartSharedPasswordClusterAsync(int nodes) =>
        StartClusterAsync(nodes, o => o.Password = "one-password-for-every-node");

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>The address an administrator types for node 1: scheme, host and port.</summary>
    protected static string AddressOf(CmsSimulatorHost cluster, int node = 0) => cluster.Nodes[node].ApiUrl.GetLeftPart(UriPartial.Authority);

    protected static AddBridge AddRequest(CmsSimulatorHost cluster, int node = 0, string? timeZone = null) =>
        new(AddressOf(cluster, node), cluster.Nodes[node].Username, cluster.Nodes[node].Password, TimeZone: timeZone);

    protected static async Task<BridgeDto> AddBridgeAsync(HttpClient client, CmsSimulatorHost cluster, int node = 0)
    {
        var response = await client.PostAsJsonAsync("/api/bridges", AddRequest(cluster, node), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Adding the bridge answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
    }

    protected static async Task<BridgeDto> PutSettingsAsync(HttpClient client, Guid bridgeId, BridgeSettings settings)
    {
        var response = await client.PutAsJsonAsync($"/api/bridges/{bridgeId}/settings", settings, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Saving the settings answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
    }

    protected static async Task<BridgeDto> GetBridgeAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<BridgeDto>($"/api/bridges/{bridgeId}", Ct))!;

    protected static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, System.Text.Json.JsonSerializerOptions.Web)!;
    }

    /// <summary>The node's API trace, as the simulator logged it (the text after the sequence number).</summary>
    protected static async Task<string[]> TraceAsync(CmsSimulatorHost cluster, int node = 0)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(cluster.ControlUrl, $"sim/nodes/{cluster.Nodes[node].Name}/trace?max=100000"), Ct);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..]).ToArray();
    }

    /// <summary>Every request the cluster received ("POST /api/v1/callProfiles" and the form body, if any),
    /// node by node, in order.</summary>
    protected static async Task<List<CmsRequest>> RequestsAsync(CmsSimulatorHost cluster)
    {
        var requests = new List<CmsRequest>();
        for (var node = 0; node < cluster.Nodes.Count; node++)
        {
            // Lines of concurrent requests interleave: each line carries its request's trace number, which ties a body
            // to its request.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var bodies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var line in await TraceAsync(cluster, node))
            {
                var match = TraceLine().Match(line);
                if (!match.Success)
                {
                    continue;
                }
                var n = match.Groups[1].Value;
                var text = match.Groups[2].Value;
                var request = RequestLine().Match(text);
                if (request.Success)
                {
                    index[n] = requests.Count;
                    requests.Add(new CmsRequest(cluster.Nodes[node].Name, $"{request.Groups[1].Value} {request.Groups[2].Value}", null));
                }
                else if (text.StartsWith("content data size", StringComparison.Ordinal))
                {
                    bodies[n] = [];
                }
                else if (text.StartsWith("sending ", StringComparison.Ordinal))
                {
                    if (bodies.Remove(n, out var body) && index.TryGetValue(n, out var at))
                    {
                        requests[at] = requests[at] with { Body = string.Join('&', body.Select(l => l.TrimEnd('&'))) };
                    }
                }
                else if (bodies.TryGetValue(n, out var lines))
                {
                    lines.Add(text);
                }
            }
        }
        return requests;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex(@"API trace (\d+): (.*)$")]
    private static partial Regex TraceLine();

    [GeneratedRegex("^(GET|POST|PUT|DELETE) for \"([^\"]+)\"")]
    private static partial Regex RequestLine();
}

/// <summary>One request a simulated node received: the node, "METHOD /path?query" and the form body.</summary>
public sealed record CmsRequest(string Node, string Line, string? Body);

/// <summary>Reads the simulated bridge directly, as an administrator would in its Web Admin.</summary>
public static class ClusterExtensions
{
    public static Cms.CmsClient Client(this CmsSimulatorHost cluster, int node = 0, string? pin = null)
    {
        var n = cluster.Nodes[node];
        return new Cms.CmsClient(new Cms.CmsEndpoint(n.ApiUrl, n.Username, n.Password, pin, n.Name));
    }

    public static async Task<List<Cms.CmsSpace>> SpacesAsync(this CmsSimulatorHost cluster)
    {
        using var cms = cluster.Client();
        return await cms.ListSpacesAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }
}
