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

    [GeneratedRegex(@"^\s+(CallBridge-Core\d+): (http://127\.0\.0\.1:\d+/api/v1)\s+user (\S+)\s+password (\S+)$")]
    private static partial Regex NodeLine();
}
