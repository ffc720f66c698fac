using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Convene.Cms.Simulator.Tests;

/// <summary>The simulator on its own, as a person runs it: <c>dotnet run -- --nodes 3</c> prints every
/// node's API URL and credentials, and those work.</summary>
public sealed partial class ProgramTests
{
    [Fact(Timeout = 60_000)]
    public async Task Run_WithThreeNodes_PrintsEachNodesApiUrlAndCredentialsThatWork()
    {
        var ct = TestContext.Current.CancellationToken;
        var dll = Path.Combine(AppContext.BaseDirectory, "Convene.Cms.Simulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--nodes", "3", "--base-port", "0", "--urls", "http://127.0.0.1:0", "--trace", "false" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var nodes = new List<(string Name, Uri Api, string User, string Password)>();
            while (nodes.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct)
                    ?? throw new InvalidOperationException($"The simulator stopped: {await process.StandardError.ReadToEndAsync(ct)}");
                var match = NodeLine().Match(line);
                if (match.Success)
                {
                    nodes.Add((match.Groups[1].Value, new Uri(match.Groups[2].Value), match.Groups[3].Value, match.Groups[4].Value));
                }
            }

            Assert.Equal(["CallBridge-Core1", "CallBridge-Core2", "CallBridge-Core3"], nodes.Select(n => n.Name));
            Assert.Equal(3, nodes.Select(n => n.Password).Distinct().Count());
            foreach (var node in nodes)
            {
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.User}:{node.Password}")));
                var status = XElement.Parse(await http.GetStringAsync(new Uri(node.Api + "/system/status"), ct));
                Assert.Equal("true", status.Element("clusterEnabled")?.Value);
                using var wrong = new HttpClient();
                Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri(node.Api + "/system/status"), ct)).StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_OnPortsAnotherSimulatorHolds_PicksFreePortsAndSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var (control, nodePort) = (FreePort(), FreePorts(2));
        string[] arguments = ["--nodes", "2", "--base-port", nodePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--urls", $"http://127.0.0.1:{control}", "--trace", "false", "--password", "one-for-both"];
        var first = Start(arguments);
        Process? second = null;
        try
        {
            var (firstNodes, _) = await ReadNodesAsync(first, 2, ct);
            second = Start(arguments);
            var (secondNodes, notices) = await ReadNodesAsync(second, 2, ct);

            Assert.Equal([$"http://127.0.0.1:{nodePort}/api/v1", $"http://127.0.0.1:{nodePort + 1}/api/v1"], firstNodes.Select(n => n.Api.ToString()));
            Assert.DoesNotContain(secondNodes, n => n.Api.Port == nodePort || n.Api.Port == nodePort + 1);
            Assert.Contains(notices, l => l.Contains($"Port {nodePort} is taken", StringComparison.Ordinal) && l.Contains("--base-port", StringComparison.Ordinal));
            Assert.Contains(notices, l => l.Contains($"Port {control} is taken", StringComparison.Ordinal) && l.Contains("--urls", StringComparison.Ordinal));
            Assert.DoesNotContain(notices, l => l.Contains("Exception", StringComparison.Ordinal));
            foreach (var node in secondNodes)
            {
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.User}:{node.Password}")));
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(node.Api + "/system/status"), ct)).StatusCode);
            }
        }
        finally
        {
            foreach (var process in new[] { first, second }.OfType<Process>())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(ct);
                process.Dispose();
            }
        }
    }

    private static Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Convene.Cms.Simulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    /// <summary>Reads the printed node lines; also returns every other line printed before them.</summary>
    private static async Task<(List<(string Name, Uri Api, string User, string Password)> Nodes, List<string> Other)> ReadNodesAsync(Process process, int count, CancellationToken ct)
    {
        var nodes = new List<(string Name, Uri Api, string User, string Password)>();
        var other = new List<string>();
        while (nodes.Count < count)
        {
            var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct)
                ?? throw new InvalidOperationException($"The simulator stopped: {await process.StandardError.ReadToEndAsync(ct)}");
            var match = NodeLine().Match(line);
            if (match.Success)
            {
                nodes.Add((match.Groups[1].Value, new Uri(match.Groups[2].Value), match.Groups[3].Value, match.Groups[4].Value));
            }
            else
            {
                other.Add(line);
            }
        }
        return (nodes, other);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports.</summary>
    private static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = FreePort();
            if (first + count - 1 <= 65535 && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free ports were found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s+(CallBridge-Core\d+): (http://127\.0\.0\.1:\d+/api/v1)\s+user (\S+)\s+password (\S+)$")]
    private static partial Regex NodeLine();
}
