using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Convene.Cms;
using Convene.Cms.Protocol;
using Convene.Cms.Simulator;

namespace Convene.Bench;

/// <summary>
/// Issue 3's target: the client costs at most 1.2× a raw HttpClient request on loopback. Times
/// sequential requests for the same 10-space page and the same space, median of several batches, and
/// reports the allocations of parsing one 10-item page.
/// </summary>
internal static class ClientOverhead
{
    private const int Batches = 9;

    public static async Task RunAsync(int requestsPerBatch)
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = 1;
            o.TraceToConsole = false;
            o.MaxPageSize = 10;
        });
        var node = sim.Nodes[0];
        using var client = new CmsClient(new CmsEndpoint(node.ApiUrl, node.Username, node.Password), new CmsClientOptions { PageSize = 10 });
        var setId = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges
        {
            StartIndex = 1, EndIndex = 1000, NameMapping = "Space $index$", UriMapping = "space.$index$", CallIdMapping = "9$index$",
        });
        await client.WaitForBulkSyncAsync(await client.StartBulkSyncAsync(setId), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));
        var spaceId = await FirstAsync(client.ListSpacesAsync());

        using var raw = new HttpClient(new SocketsHttpHandler()) { BaseAddress = node.ApiUrl };
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.Username}:{node.Password}")));

        using (var tally = CmsRequestTally.Start())
        {
            await FirstPageAsync(client);
            Console.WriteLine($"(one page costs {tally.Count} request)");
        }
        Console.WriteLine($"Client overhead on loopback, {Environment.ProcessorCount} cores, {Batches} batches of {requestsPerBatch} alternating raw/client requests, median per request");
        Console.WriteLine($"{"request",-44} {"raw HttpClient",16} {"CmsClient",12} {"ratio",7}");
        // The whole set twice; only the second pass is printed (the first settles JIT tiers and pools).
        for (var pass = 0; pass < 2; pass++)
        {
            var print = pass == 1;
            await CompareAsync("GET one 10-space page (ListSpacesAsync)", requestsPerBatch, print,
                async () => XElement.Parse(await raw.GetStringAsync(new Uri("/api/v1/coSpaces?offset=0&limit=10", UriKind.Relative))),
                async () => await FirstPageAsync(client));
            await CompareAsync("GET one space (GetSpaceAsync)", requestsPerBatch, print,
                async () => XElement.Parse(await raw.GetStringAsync(new Uri($"/api/v1/coSpaces/{spaceId}", UriKind.Relative))),
                async () => await client.GetSpaceAsync(spaceId));
        }

        var page = await raw.GetStringAsync(new Uri("/api/v1/coSpaces?offset=0&limit=10", UriKind.Relative));
        ReportParseAllocations(page);
    }

    /// <summary>Raw and client requests alternate one by one, so drift in the machine's load touches both
    /// alike; each batch gives one mean per side, and the medians of the batches are compared.</summary>
    private static async Task CompareAsync(string label, int count, bool print, Func<Task> rawRequest, Func<Task> clientRequest)
    {
        var raws = new List<double>();
        var clients = new List<double>();
        for (var batch = 0; batch < Batches + 3; batch++)
        {
            long raw = 0, client = 0;
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await rawRequest();
                var middle = Stopwatch.GetTimestamp();
                await clientRequest();
                client += Stopwatch.GetTimestamp() - middle;
                raw += middle - start;
            }
            // The first three batches warm up JIT tiers and connection pools and are not counted.
            if (batch >= 3)
            {
                raws.Add(Stopwatch.GetElapsedTime(0, raw).TotalMicroseconds / count);
                clients.Add(Stopwatch.GetElapsedTime(0, client).TotalMicroseconds / count);
            }
        }
        if (!print)
        {
            return;
        }
        var rawMedian = Median(raws);
        var clientMedian = Median(clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-44} {rawMedian,13:0.0} µs {clientMedian,9:0.0} µs {clientMedian / rawMedian,6:0.00}x"));
    }

    private static void ReportParseAllocations(string page)
    {
        const int rounds = 2000;
        Parse(page);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Parse(page);
        }
        var micros = clock.Elapsed.TotalMicroseconds / rounds;
        var perPage = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Parsing one 10-space page ({Encoding.UTF8.GetByteCount(page):N0} bytes of XML) into CmsSpace records allocates {perPage:N0} bytes and takes {micros:0.0} µs"));
    }

    private static int Parse(string page)
    {
        var root = CmsXml.Parse(page, 1 << 20);
        return root.Elements("coSpace").Select(CmsSpace.Parse).Count();
    }

    private static async Task<int> FirstPageAsync(CmsClient client)
    {
        var count = 0;
        await foreach (var space in client.ListSpacesAsync())
        {
            if (++count == 10)
            {
                break;
            }
        }
        return count;
    }

    private static async Task<string> FirstAsync(IAsyncEnumerable<CmsSpace> spaces)
    {
        await foreach (var space in spaces)
        {
            return space.Id;
        }
        throw new InvalidOperationException("No space was made.");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
