extern alias convene;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Convene.Cms.Simulator;
using Microsoft.EntityFrameworkCore;
using Db = convene::Convene.Data.SqliteConveneDb;
using Meeting = convene::Convene.Meetings.Meeting;
using MeetingEventKind = convene::Convene.Meetings.MeetingEventKind;
using MeetingParticipant = convene::Convene.Meetings.MeetingParticipant;
using MeetingState = convene::Convene.Meetings.MeetingState;

namespace Convene.Bench;

/// <summary>
/// Issue 9's start storm: N meetings with 3 dial-outs each, all opening at the same instant, against a 3-node simulator
/// with 20 ms added per request. Convene runs as its own process (SQLite, Quartz firing on the real clock); the meetings
/// are written into its database as the booking code writes them and scheduled by its periodic sync. Prints the p50/p99
/// lateness of each meeting's last dial-out after its open time, the makespan beside the floor that the per-node
/// concurrency allows, the total CMS requests of the starts (target 6 per meeting) and Convene's peak memory.
/// With <c>lifecycle</c> it then extends and ends one meeting through the API and prints its requests beside the seed's TMS.
/// </summary>
internal static class StormBench
{
    private const string AdminPassword = "bench-admin-password";
    private const int PerNodeConcurrency = 16;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(int meetings, bool lifecycle)
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 3;
            o.TraceToConsole = false;
            o.Password = "bench-cms-password";
            o.StartupFaults["*"] = new NodeFaults { Latency = Latency };
        });
        var directory = Directory.CreateTempSubdirectory("convene-storm-");
        var database = $"Data Source={Path.Combine(directory.FullName, "bench.db")}";
        var port = Harness.FreePort();
        using var convene = Harness.StartConvene(directory.FullName, port, AdminPassword,
            "--Convene:Lifecycle:SyncInterval", "00:00:01", "--Convene:Lifecycle:MaxConcurrentRequestsPerNode", PerNodeConcurrency.ToString(CultureInfo.InvariantCulture),
            "--Convene:Lifecycle:MaxConcurrency", Environment.GetEnvironmentVariable("STORM_CONCURRENCY") ?? "64", "--Database:ConnectionString", database,
            // As the demo: the nodes post CDRs to Convene, so participants are followed without polling the call legs.
            "--Convene:Cdr:ReceiverBaseUrl", Environment.GetEnvironmentVariable("STORM_NO_CDR") is null ? $"http://127.0.0.1:{port}" : "");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")));
            await Harness.WaitUntilUpAsync(http, convene);
            var seed = sim.Nodes[0];
            using var added = await http.PostAsJsonAsync("/api/bridges", new { address = seed.ApiUrl.ToString().TrimEnd('/'), username = seed.Username, password = seed.Password });
            var bridgeId = Guid.Parse((await Harness.Json(added)).GetProperty("id").GetString()!);
            using var put = await http.PutAsJsonAsync($"/api/bridges/{bridgeId}/settings", new { name = "Storm", domain = "bench.invalid", numericIdBase = 100_000, numericIdQuantity = meetings });
            await Harness.Json(put);
            while ((await Harness.Json(await http.GetAsync(new Uri($"/api/bridges/{bridgeId}", UriKind.Relative)))).GetProperty("provisioning").GetString() is not ("Complete" or "Failed"))
            {
                await Task.Delay(100);
            }
            var options = new DbContextOptionsBuilder<Db>().UseSqlite(database).Options;
            var open = TimeProvider.System.GetUtcNow().AddSeconds(20 + meetings / 50);
            await using (var db = new Db(options))
            {
                var placeholders = await db.Placeholders.Where(p => p.BridgeId == bridgeId).OrderBy(p => p.NumericId).ToListAsync();
                db.Meetings.AddRange(placeholders.Select(p => new Meeting
                {
                    Id = Guid.NewGuid(), BridgeId = bridgeId, Title = $"Storm {p.NumericId}", TimeZone = "UTC", StartUtc = open, EndUtc = open.AddHours(1),
                    StartLocal = open.UtcDateTime, EndLocal = open.AddHours(1).UtcDateTime, HoldFromUtc = open, HoldUntilUtc = open.AddHours(1),
                    PlaceholderId = p.Id, NumericId = p.NumericId, EarlyJoinMinutes = 0, Pin = "1234", EndWarnings = "",
                    Participants = Enumerable.Range(1, 3).Select(i => new MeetingParticipant
                    {
                        Id = Guid.NewGuid(), Address = $"guest{i}.{p.NumericId}@bench.invalid", DialOut = true, OwnerId = Guid.NewGuid(),
                    }).ToList(),
                }));
                await db.SaveChangesAsync();
            }
            while (true)
            {
                // Registration of the CDR receiver on each node comes before the storm, so the count below is the starts'.
                await using var db = new Db(options);
                if (Environment.GetEnvironmentVariable("STORM_NO_CDR") is not null || await db.CdrNodeStates.CountAsync(n => n.BridgeId == bridgeId && n.ReceiverId != null) >= sim.Nodes.Count)
                {
                    break;
                }
                await Task.Delay(100);
            }
            var before = await Harness.RequestsAsync(sim);
            var cpuBefore = Harness.CpuSeconds(convene.Id);
            Console.WriteLine($"Start storm: {meetings:N0} meetings × 3 dial-outs opening at {open:HH:mm:ss}, 3 nodes, {Latency.TotalMilliseconds} ms per request, {PerNodeConcurrency} requests per node at once");
            var watch = Stopwatch.StartNew();
            while (true)
            {
                await using var db = new Db(options);
                var legs = await db.MeetingParticipants.CountAsync(p => p.CallLegId != null || p.State == convene::Convene.Meetings.ParticipantState.Failed);
                if (legs >= meetings * 3 || watch.Elapsed > TimeSpan.FromMinutes(15))
                {
                    break;
                }
                await Task.Delay(250);
            }
            var cpu = Harness.CpuSeconds(convene.Id) - cpuBefore;
            var requests = await Harness.RequestsAsync(sim) - before;
            await using (var db = new Db(options))
            {
                var dialOuts = await db.MeetingEvents.Where(e => e.Kind == MeetingEventKind.CmsRequest && e.Method == "POST" && e.Path!.EndsWith("/callLegs"))
                    .Select(e => new { e.MeetingId, e.TimeUtc }).ToListAsync();
                var lateness = dialOuts.GroupBy(e => e.MeetingId).Select(g => (g.Max(e => e.TimeUtc) - open).TotalSeconds).Order().ToList();
                var sent = await db.MeetingEvents.Where(e => e.Kind == MeetingEventKind.CmsRequest).Select(e => e.TimeUtc).ToListAsync();
                var perSecond = sent.Where(t => t >= open).GroupBy(t => (int)(t - open).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture));
                Console.WriteLine($"requests answered per second after the open time: {string.Join(' ', perSecond)} (the per-node limit allows {PerNodeConcurrency / Latency.TotalSeconds:0}/s per node)");
                // Where the time goes: how late each start began (Quartz fired it), how long it then took, and how long the
                // bridge's requests took as Convene saw them (from its send to the answer, after the per-node gate).
                var firsts = (await db.MeetingEvents.Where(e => e.Kind == MeetingEventKind.Transition).Select(e => new { e.Id, e.MeetingId, e.TimeUtc }).ToListAsync())
                    .GroupBy(e => e.MeetingId).ToDictionary(g => g.Key, g => g.MinBy(e => e.Id)!.TimeUtc);
                var fired = firsts.Values.Select(t => (t - open).TotalSeconds).Order().ToList();
                var took = dialOuts.GroupBy(e => e.MeetingId).Where(g => firsts.ContainsKey(g.Key))
                    .Select(g => (g.Max(e => e.TimeUtc) - firsts[g.Key]).TotalSeconds).Order().ToList();
                var latencies = (await db.MeetingEvents.Where(e => e.Kind == MeetingEventKind.CmsRequest && e.LatencyMs != null).Select(e => e.LatencyMs!.Value).ToListAsync())
                    .Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"start began after the open time p50 {Percentile(fired, 0.5):0.00} s, p99 {Percentile(fired, 0.99):0.00} s; start to last dial-out p50 {Percentile(took, 0.5):0.00} s, p99 {Percentile(took, 0.99):0.00} s; CMS request as Convene saw it p50 {Percentile(latencies, 0.5):0} ms, p99 {Percentile(latencies, 0.99):0} ms"));
                // The floor: the busiest node's share of the requests at the per-node limit (the calls and their dial-outs
                // stay on the preferred node; space updates may go to any node).
                var perNode = (await db.MeetingEvents.Where(e => e.Kind == MeetingEventKind.CmsRequest && e.TimeUtc >= open).Select(e => e.Node).ToListAsync())
                    .GroupBy(n => n ?? "?").OrderByDescending(g => g.Count()).Select(g => (Node: g.Key, Count: g.Count())).ToList();
                var busiest = perNode.Count > 0 ? perNode[0].Count : requests;
                var running = await db.Meetings.CountAsync(m => m.State == MeetingState.Running);
                var floor = busiest * Latency.TotalSeconds / PerNodeConcurrency;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"running {running:N0}/{meetings:N0}; last dial-out lateness p50 {Percentile(lateness, 0.5):0.00} s, p99 {Percentile(lateness, 0.99):0.00} s (target ≤ 10 s)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"makespan {(lateness.Count > 0 ? lateness[^1] : double.NaN):0.00} s; floor {floor:0.00} s (the busiest node's {busiest:N0} requests × {Latency.TotalMilliseconds} ms / {PerNodeConcurrency} at once; requests per node: {string.Join(", ", perNode.Select(n => $"{n.Node} {n.Count:N0}"))}); ratio {(lateness.Count > 0 ? lateness[^1] : double.NaN) / floor:0.00}× (target ≤ 1.5×)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CMS requests {requests:N0} (target {meetings * 6:N0}); Convene peak memory {Harness.PeakResidentMegabytes(convene.Id):0} MB (target ≤ 400 MB); Convene CPU time {cpu:0.0} s (user + system; machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
                if (lifecycle)
                {
                    var id = await db.Meetings.Where(m => m.State == MeetingState.Running).Select(m => m.Id).FirstAsync();
                    var events = await db.MeetingEvents.CountAsync(e => e.MeetingId == id && e.Kind == MeetingEventKind.CmsRequest);
                    var beforeControl = await Harness.RequestsAsync(sim);
                    await Harness.Json(await http.PostAsJsonAsync($"/api/meetings/{id}/extend", new { minutes = 15 }));
                    var extend = await Harness.RequestsAsync(sim) - beforeControl;
                    await Harness.Json(await http.PostAsync(new Uri($"/api/meetings/{id}/end", UriKind.Relative), null));
                    var end = await Harness.RequestsAsync(sim) - beforeControl - extend;
                    var convene9 = events + extend + end;
                    Console.WriteLine($"CMS requests per lifecycle (start with 3 dial-outs, extend, end): Convene {events} + {extend} + {end} = {convene9}; seed's TMS 13 + 1 + 6 = 20; ratio {20.0 / convene9:0.0}×");
                }
            }
        }
        finally
        {
            convene.Kill(entireProcessTree: true);
            await convene.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Starting Convene as its own process and reading the simulator, for the lifecycle benchmarks.</summary>
internal static class Harness
{
    public static Process StartConvene(string directory, int port, string adminPassword, params string[] extra)
    {
        var configuration = AppContext.BaseDirectory.Contains("/release/", StringComparison.Ordinal) ? "release" : "debug";
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Convene", configuration, "Convene.dll"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", directory, "--Convene:Admin:Password", adminPassword,
            "--Convene:Status:Interval", "01:00:00", "--Convene:Placeholders:SyncPollInterval", "00:00:00.200", "--Logging:LogLevel:Default", "Warning" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Convene did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitUntilUpAsync(HttpClient http, Process convene)
    {
        for (var i = 0; i < 300; i++)
        {
            if (convene.HasExited)
            {
                throw new InvalidOperationException($"Convene exited with {convene.ExitCode}.");
            }
            try
            {
                using var me = await http.GetAsync(new Uri("/api/account/me", UriKind.Relative));
                if (me.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException("Convene did not answer within 30 s.");
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<long> RequestsAsync(CmsSimulatorHost sim)
    {
        long total = 0;
        using var http = new HttpClient();
        foreach (var node in sim.Nodes)
        {
            var trace = await http.GetStringAsync(new Uri(sim.ControlUrl, $"sim/nodes/{node.Name}/trace?max=1000000"));
            total += trace.Split('\n').Count(l => l.Contains(" for \"/api/v1/", StringComparison.Ordinal));
        }
        return total;
    }

    /// <summary>The process's CPU time so far (user + system, from /proc/{pid}/stat, in seconds): what the storm cost
    /// Convene whatever the machine's load.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static double PeakResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
