using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Convene.Cms.Simulator;
using Microsoft.Extensions.Logging;

namespace Convene.Cms.Tests.Protocol;

public sealed class CmsTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CmsRequestTally_RetriedRequest_CountsEveryAttempt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { MaxRetries = 3, RetryDelay = TimeSpan.Zero });
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { Busy = true });
        using var tally = CmsRequestTally.Start();

        await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(4, tally.Count);
    }

    [Fact]
    public async Task CmsRequestTally_NestedScopes_EachSeesWhatRanInsideIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        await client.GetSystemStatusAsync(Ct);

        using var outer = CmsRequestTally.Start();
        await client.GetSystemStatusAsync(Ct);
        int innerCount;
        using (var inner = CmsRequestTally.Start())
        {
            await client.GetSystemStatusAsync(Ct);
            await client.GetMediaProcessingLoadAsync(Ct);
            innerCount = inner.Count;
        }
        await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, innerCount);
        Assert.Equal(4, outer.Count);
    }

    [Fact]
    public async Task CmsRequestTally_ParallelFlows_DoNotSeeEachOther()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        async Task<int> CountAsync(int requests)
        {
            using var tally = CmsRequestTally.Start();
            for (var i = 0; i < requests; i++)
            {
                await client.GetSystemStatusAsync(Ct);
            }
            return tally.Count;
        }

        var counts = await Task.WhenAll(Task.Run(() => CountAsync(2), Ct), Task.Run(() => CountAsync(5), Ct));

        Assert.Equal([2, 5], counts);
    }

    [Fact]
    public async Task Meter_RequestsAndDuration_TaggedByNodeMethodResourceAndOutcome()
    {
        var prefix = "Meter-" + Guid.NewGuid().ToString("N")[..8] + "-";
        await using var cluster = await SimulatedCluster.StartAsync(o => o.NodeNamePrefix = prefix);
        var node = cluster.Host.Nodes[0].Name;
        var client = cluster.Client(0, new CmsClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.Zero });
        var requests = new ConcurrentQueue<Dictionary<string, object?>>();
        var durations = new ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Convene.Cms")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = Map(tags);
            if (instrument.Name == "convene.cms.requests" && Equals(map.GetValueOrDefault("node"), node))
            {
                Assert.Equal(1, value);
                requests.Enqueue(map);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = Map(tags);
            if (instrument.Name == "convene.cms.request.duration" && Equals(map.GetValueOrDefault("node"), node))
            {
                durations.Enqueue((value, map));
            }
        });
        listener.Start();

        var id = await client.CreateSpaceAsync(new SpaceChanges { Uri = "metered" }, Ct);
        await client.GetSpaceAsync(id, Ct);
        await Assert.ThrowsAsync<CmsApiException>(() => client.GetSpaceAsync(Guid.NewGuid().ToString(), Ct));
        cluster.Host.SetFaults(node, new NodeFaults { Busy = true });
        await Assert.ThrowsAsync<CmsApiException>(() => client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(["POST", "GET", "GET", "GET", "GET"], requests.Select(r => (string)r["method"]!));
        Assert.Equal(
            [
                ("POST", "/api/v1/coSpaces", "ok"),
                ("GET", "/api/v1/coSpaces/{id}", "ok"),
                ("GET", "/api/v1/coSpaces/{id}", "notFound"),
                ("GET", "/api/v1/coSpaces", "busy"),
            ],
            durations.Select(d => ((string)d.Tags["method"]!, (string)d.Tags["resource"]!, (string)d.Tags["outcome"]!)));
        Assert.All(durations, d => Assert.InRange(d.Seconds, 0, 60));
    }

    [Fact]
    public async Task Logger_Debug_OneLinePerRequestMaskingPasscodesNeverThePassword()
    {
        var logger = new CollectingLogger();
        await using var cluster = await SimulatedCluster.StartAsync();
        var node = cluster.Host.Nodes[0];
        var client = cluster.Client(0, null, null, logger);

        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Logged", Uri = "logged", Passcode = "31415" }, Ct);
        await client.GetSpaceAsync(id, Ct);
        await client.UpdateSpaceAsync(id, new SpaceChanges { Passcode = "27182" }, Ct);

        var lines = logger.Lines;
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(LogLevel.Debug, l.Level));
        Assert.StartsWith($"CMS {node.Name}: POST /api/v1/coSpaces answered HTTP 200 in ", lines[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("name=Logged&uri=logged&passcode=*****", lines[0].Text, StringComparison.Ordinal);
        Assert.Contains($"GET /api/v1/coSpaces/{id} answered HTTP 200", lines[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("passcode=*****", lines[2].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Text.Contains("31415", StringComparison.Ordinal) || l.Text.Contains("27182", StringComparison.Ordinal)
            || l.Text.Contains(node.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logger_FailedRequest_OneWarningNamingNodeNeverThePassword()
    {
        var logger = new CollectingLogger();
        await using var cluster = await SimulatedCluster.StartAsync();
        var node = cluster.Host.Nodes[0];
        using var client = new CmsClient(new CmsEndpoint(node.ApiUrl, node.Username, "Not-The-Pa55word", name: node.Name), null, logger);

        await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        var line = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(node.Name, line.Text, StringComparison.Ordinal);
        Assert.Contains("Authentication", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Pa55word", line.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Map(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }
        return map;
    }
}
