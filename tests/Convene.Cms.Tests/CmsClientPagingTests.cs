using System.Globalization;
using System.Text.RegularExpressions;
using Convene.Cms.Tests.Protocol;

namespace Convene.Cms.Tests;

public sealed partial class CmsClientPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListSpacesAsync_2000SpacesPageSize10_YieldsEverySpaceOnceAndAdvancesByWhatItReceived()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.TraceBodyLines = 0);
        var client = cluster.Client(0, new CmsClientOptions { PageSize = 10 });
        await MakeSpacesAsync(cluster, client, 2000);

        var spaces = await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2000, spaces.Count);
        Assert.Equal(2000, spaces.Select(s => s.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => $"r.{i}").Order(), spaces.Select(s => s.Uri!).Order());
        var pages = await PagesAsync(cluster);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (i * 10, 10)), pages);
    }

    [Fact]
    public async Task ListSpacesAsync_ServerCapBelowPageSize_AdvancesByTheCapAndGetsEverything()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.MaxPageSize = 7);
        var client = cluster.Client(0, new CmsClientOptions { PageSize = 50 });
        await MakeSpacesAsync(cluster, client, 100);

        var spaces = await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(100, spaces.Select(s => s.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (i * 7, 50)), await PagesAsync(cluster));
    }

    [Fact]
    public async Task ListSpacesAsync_EmptyList_AsksOnce()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        Assert.Empty(await cluster.Client().ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal([(0, 50)], await PagesAsync(cluster));
    }

    [Fact(Timeout = 60_000)]
    public async Task ListSpacesAsync_CallerCreatesASpacePerItem_EndsWithTheOriginalSpacesOnce()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { PageSize = 10 });
        await MakeSpacesAsync(cluster, client, 30);

        var seen = new List<string>();
        await foreach (var space in client.ListSpacesAsync(cancellationToken: Ct))
        {
            seen.Add(space.Uri!);
            // A copy sorts after every original, so the list grows as fast as it is read.
            await client.CreateSpaceAsync(new SpaceChanges { Name = "z copy " + space.Uri, Uri = "copy." + space.Uri }, Ct);
            if (seen.Count > 100)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"r.{i}").Order(), seen.Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task ListSpacesAsync_CallerDeletesEachSpace_Ends()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, new CmsClientOptions { PageSize = 10 });
        await MakeSpacesAsync(cluster, client, 30);

        var seen = 0;
        await foreach (var space in client.ListSpacesAsync(cancellationToken: Ct))
        {
            seen++;
            await client.DeleteSpaceAsync(space.Id, Ct);
        }

        // Deleting shifts later items forward past the offset: a list is not a snapshot.
        Assert.InRange(seen, 10, 30);
        Assert.InRange((await PagesAsync(cluster)).Count, 2, 4);
    }

    [Fact(Timeout = 60_000)]
    public async Task ListSpacesAsync_ServerRepeatsOnePageWithAHugeTotal_StopsWhenNothingIsNew()
    {
        var id = Guid.NewGuid();
        await using var server = await CannedServer.XmlAsync(
            $"<?xml version=\"1.0\"?><coSpaces total=\"1000000000\"><coSpace id=\"{id}\"><name>Same</name></coSpace></coSpaces>");
        using var client = server.Client();

        var spaces = await client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([id.ToString()], spaces.Select(s => s.Id));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ListSpacesAsync_FilterAndPaging_MergesIntoOneQuery()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.MaxPageSize = 3);
        var client = cluster.Client(0, new CmsClientOptions { PageSize = 3 });
        await MakeSpacesAsync(cluster, client, 12);

        var spaces = await client.ListSpacesAsync(new SpaceFilter("r.1"), Ct).ToListAsync(Ct);

        Assert.Equal(["r.1", "r.10", "r.11", "r.12"], spaces.Select(s => s.Uri!).Order());
        var requests = (await cluster.RequestsAsync()).Where(r => r.StartsWith("GET /api/v1/coSpaces?", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["GET /api/v1/coSpaces?filter=r.1&offset=0&limit=3", "GET /api/v1/coSpaces?filter=r.1&offset=3&limit=3"], requests);
    }

    private static async Task MakeSpacesAsync(SimulatedCluster cluster, CmsClient client, int count)
    {
        var set = await client.CreateBulkParameterSetAsync(new BulkParameterSetChanges
        {
            StartIndex = 1, EndIndex = count, UriMapping = "r.$index$", NameMapping = "Room $index$",
        }, Ct);
        var sync = await CmsClientBulkTests.SyncAsync(cluster, client, set);
        Assert.Equal(BulkSyncStatus.Complete, sync.Status);
    }

    /// <summary>The offset and limit of every space list request the node received.</summary>
    private static async Task<List<(int Offset, int Limit)>> PagesAsync(SimulatedCluster cluster) =>
        (await cluster.RequestsAsync())
            .Select(r => Page().Match(r))
            .Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [GeneratedRegex("^GET /api/v1/coSpaces\\?offset=(\\d+)&limit=(\\d+)$")]
    private static partial Regex Page();
}
