using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Convene.Cms.Simulator;

namespace Convene.Bench;

/// <summary>
/// Issue 2's target: the simulator answers at least 20,000 GET /api/v1/coSpaces per second on a
/// 2-core machine, so it never bounds Convene's own benchmarks. Also POST and PUT throughput.
/// Prints the median of several runs.
/// </summary>
internal static class SimulatorThroughput
{
    private const int Spaces = 1_000;
    private const int Connections = 32;

    public static async Task RunAsync(TimeSpan duration, int runs)
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.TraceToConsole = false;
        });
        var node = sim.Nodes[0];
        var authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.Username}:{node.Password}"));
        var spaceId = await SeedAsync(node, authorization);

        Console.WriteLine($"Simulator throughput, {Environment.ProcessorCount} cores, {Connections} connections, {duration.TotalSeconds:0} s x {runs} runs, " +
            $"load from {(LoadGenerator.HasWrk ? "wrk" : "HttpClient (install wrk for a separate-process load generator)")}");
        Console.WriteLine($"{"request",-48} {"median req/s",14} {"runs",30}");
        await ReportAsync("GET /api/v1/coSpaces (1,000 spaces, page of 20)", runs, () =>
            LoadGenerator.RunAsync(new Uri(node.ApiUrl, "/api/v1/coSpaces"), "GET", authorization, duration, Connections));
        await ReportAsync("GET /api/v1/system/status", runs, () =>
            LoadGenerator.RunAsync(new Uri(node.ApiUrl, "/api/v1/system/status"), "GET", authorization, duration, Connections));
        await ReportAsync("POST /api/v1/coSpaces (unique URI each)", runs, () =>
            LoadGenerator.RunAsync(new Uri(node.ApiUrl, "/api/v1/coSpaces"), "POST", authorization, duration, Connections,
                "name=bench&uri=bench.{n}&passcode=1234"));
        await ReportAsync("PUT /api/v1/coSpaces/{id}", runs, () =>
            LoadGenerator.RunAsync(new Uri(node.ApiUrl, $"/api/v1/coSpaces/{spaceId}"), "PUT", authorization, duration, Connections,
                "name=renamed.{n}&passcode=1234"));
    }

    private static async Task ReportAsync(string label, int runs, Func<Task<double>> run)
    {
        await run(); // warm-up: JIT and connection set-up, not counted
        var results = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(await run());
        }
        results.Sort();
        var median = results[results.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-48} {median,14:N0} {string.Join(" / ", results.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))),30}"));
    }

    private static async Task<string> SeedAsync(SimulatedNode node, string authorization)
    {
        using var http = new HttpClient { BaseAddress = node.ApiUrl };
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        string? first = null;
        for (var i = 0; i < Spaces; i++)
        {
            using var content = new StringContent($"name=Space {i}&uri=space.{i}&callId={100000 + i}", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await http.PostAsync("/api/v1/coSpaces", content);
            response.EnsureSuccessStatusCode();
            first ??= response.Headers.Location!.OriginalString.Split('/')[^1];
        }
        return first!;
    }
}
