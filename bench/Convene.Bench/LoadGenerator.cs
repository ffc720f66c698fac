using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Convene.Bench;

/// <summary>
/// Drives HTTP load at a loopback URL for a fixed time and reports requests per second. Uses wrk
/// (Debian package) when it is installed, as a separate process, so the load generator does not share
/// the runtime with the server; otherwise a bounded HttpClient loop in this process.
/// </summary>
internal static partial class LoadGenerator
{
    public static bool HasWrk { get; } = File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public static async Task<double> RunAsync(Uri url, string method, string authorization, TimeSpan duration, int connections,
        string? bodyTemplate = null)
    {
        return HasWrk
            ? await RunWrkAsync(url, method, authorization, duration, connections, bodyTemplate)
            : await RunHttpClientAsync(url, method, authorization, duration, connections, bodyTemplate);
    }

    private static async Task<double> RunWrkAsync(Uri url, string method, string authorization, TimeSpan duration, int connections, string? bodyTemplate)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var script = Path.Combine(Path.GetTempPath(), $"convene-bench-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, $$"""
            local counter = 0
            local thread_id = 0
            setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
            request = function()
              counter = counter + 1
              local body = nil
              local template = "{{bodyTemplate ?? ""}}"
              if template ~= "" then
                body = string.gsub(template, "{n}", "{{run}}." .. tid .. "." .. counter)
              end
              return wrk.format("{{method}}", nil, {["Authorization"] = "{{authorization}}", ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
            end
            local reported = false
            response = function(status, headers, body)
              if status >= 300 and not reported then reported = true; print("first error answer: " .. status .. " " .. body) end
            end
            """);
        try
        {
            var arguments = $"-t1 -c{connections} -d{(int)duration.TotalSeconds}s -s {script} {url}";
            var start = new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = RequestsPerSecond().Match(output);
            if (!match.Success || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk gave no figure: {output}");
            }
            var errors = Non2xx().Match(output);
            if (errors.Success)
            {
                throw new InvalidOperationException($"wrk saw error answers: {errors.Value}");
            }
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<double> RunHttpClientAsync(Uri url, string method, string authorization, TimeSpan duration, int connections,
        string? bodyTemplate)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections });
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        long count = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref count);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (bodyTemplate is not null)
                {
                    var token = string.Create(CultureInfo.InvariantCulture, $"{run}.{worker}.{n}");
                    request.Content = new StringContent(bodyTemplate.Replace("{n}", token, StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded");
                }
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(workers);
        return count / clock.Elapsed.TotalSeconds;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
    private static partial Regex Non2xx();
}
