using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Convene.Cms.Simulator;

namespace Convene.Bench;

/// <summary>
/// Issue 4's target: provisioning 10,000 placeholders end to end against the simulator with 2 ms added
/// to every CMS request takes under 30 s and Convene's peak memory stays under 300 MB. Convene runs as
/// its own process (SQLite), so its peak resident memory (VmHWM) is its own.
/// </summary>
internal static class ProvisioningBench
{
    private const string AdminPassword = "bench-admin-password";

    public static async Task RunAsync(int quantity, int runs)
    {
        Console.WriteLine($"Placeholder provisioning, {quantity:N0} placeholders, 2 ms added per CMS request, {runs} runs");
        Console.WriteLine($"{"run",-5} {"seconds",9} {"peak MB",9} {"CMS requests",13} {"state",10}");
        var results = new List<(double Seconds, double PeakMb)>();
        for (var run = 1; run <= runs; run++)
        {
            results.Add(await RunOnceAsync(run, quantity));
        }
        var seconds = results.Select(r => r.Seconds).Order().ToList();
        var peaks = results.Select(r => r.PeakMb).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: {seconds[seconds.Count / 2]:0.0} s (target < 30 s), peak memory {peaks[peaks.Count / 2]:0} MB (target < 300 MB)"));
    }

    private static async Task<(double, double)> RunOnceAsync(int run, int quantity)
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 2;
            o.TraceToConsole = false;
            o.Password = "bench-cms-password";
            o.StartupFaults["*"] = new NodeFaults { Latency = TimeSpan.FromMilliseconds(2) };
        });
        var directory = Directory.CreateTempSubdirectory("convene-bench-");
        var port = FreePort();
        var convene = StartConvene(directory.FullName, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")));
            await WaitUntilUpAsync(http, convene);
            var seed = sim.Nodes[0];
            using var added = await http.PostAsJsonAsync("/api/bridges", new { address = seed.ApiUrl.ToString().TrimEnd('/'), username = seed.Username, password = seed.Password });
            var bridge = await Json(added);
            var id = bridge.GetProperty("id").GetString();
            var before = await RequestsAsync(sim);
            var clock = Stopwatch.StartNew();
            using var put = await http.PutAsJsonAsync($"/api/bridges/{id}/settings", new { name = "Bench", domain = "bench.invalid", numericIdBase = 100_000, numericIdQuantity = quantity });
            await Json(put);
            string state;
            while (true)
            {
                using var get = await http.GetAsync(new Uri($"/api/bridges/{id}", UriKind.Relative));
                var provisioning = (await Json(get)).GetProperty("provisioning").GetString();
                if (provisioning is "Complete" or "Failed")
                {
                    state = provisioning == "Complete" ? "complete" : "FAILED";
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var peakMb = PeakResidentMegabytes(convene.Id);
            var requests = await RequestsAsync(sim) - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,-5} {seconds,9:0.0} {peakMb,9:0} {requests,13:N0} {state,10}"));
            return (seconds, peakMb);
        }
        finally
        {
            convene.Kill(entireProcessTree: true);
            await convene.WaitForExitAsync();
            convene.Dispose();
            directory.Delete(recursive: true);
        }
    }

    private static Process StartConvene(string directory, int port)
    {
        var configuration = AppContext.BaseDirectory.Contains("/release/", StringComparison.Ordinal) ? "release" : "debug";
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Convene", configuration, "Convene.dll"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", directory,
                "--Database:ConnectionString", $"Data Source={Path.Combine(directory, "bench.db")}",
                "--Convene:Admin:Password", AdminPassword, "--Convene:Status:Interval", "01:00:00",
                "--Convene:Placeholders:SyncPollInterval", "00:00:00.200", "--Logging:LogLevel:Default", "Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Convene did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process convene)
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

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<long> RequestsAsync(CmsSimulatorHost sim)
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

    private static double PeakResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
