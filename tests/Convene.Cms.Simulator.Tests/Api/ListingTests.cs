using System.Net;
using System.Xml.Linq;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary>Paging over 2,000 spaces: <c>limit</c>/<c>offset</c>, the server's own page cap, and
/// <c>total</c> across pages (reference §2.8).</summary>
public sealed class ListingTests
{
    private const int SpaceCount = 2000;

    private static async Task<CmsSimulatorHost> StartWithSpacesAsync(int maxPageSize = 20)
    {
        var sim = await CmsSimulatorHost.StartAsync(o => o.MaxPageSize = maxPageSize, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new CmsHttp(sim.Nodes[0]);
        var set = await http.CreateAsync("/api/v1/coSpaceBulkParameterSets",
            $"startIndex=1&endIndex={SpaceCount}&coSpaceUriMapping=space.$index$&coSpaceNameMapping=Space+$index$&coSpaceCallIdMapping=811$index$");
        var sync = await http.CreateAsync("/api/v1/coSpaceBulkSyncs", $"coSpaceBulkParameterSet={set}");
        Assert.Equal("complete", await sim.WhenBulkSyncDone(sync));
        return sim;
    }

    [Fact]
    public async Task List_NoLimit_ReturnsTheServerMaximumOf20AndTheFullTotal()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync("/api/v1/coSpaces");

        Assert.Equal("2000", page.Attribute("total")?.Value);
        Assert.Equal(20, page.Elements("coSpace").Count());
    }

    [Fact]
    public async Task List_LimitAboveTheServerMaximum_IsCutTo20()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync("/api/v1/coSpaces?limit=100");

        Assert.Equal("2000", page.Attribute("total")?.Value);
        Assert.Equal(20, page.Elements("coSpace").Count());
    }

    [Fact]
    public async Task List_LimitBelowTheServerMaximum_ReturnsThatManyFromOffset()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var first = await http.GetAsync("/api/v1/coSpaces?limit=20");

        var page = await http.GetAsync("/api/v1/coSpaces?offset=5&limit=7");

        Assert.Equal("2000", page.Attribute("total")?.Value);
        Assert.Equal(Ids(first).Skip(5).Take(7), Ids(page));
    }

    [Fact]
    public async Task List_ConfiguredMaxPageSize_IsTheCapForAnyLimit()
    {
        await using var sim = await StartWithSpacesAsync(maxPageSize: 50);
        using var http = new CmsHttp(sim.Nodes[0]);

        Assert.Equal(50, (await http.GetAsync("/api/v1/coSpaces?limit=100")).Elements("coSpace").Count());
        Assert.Equal(50, (await http.GetAsync("/api/v1/coSpaces")).Elements("coSpace").Count());
        Assert.Equal(30, (await http.GetAsync("/api/v1/coSpaces?limit=30")).Elements("coSpace").Count());
    }

    [Fact]
    public async Task List_WalkingOffsetByReturnedCount_VisitsEverySpaceExactlyOnce()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var seen = new List<string>();
        var pages = 0;
        while (true)
        {
            var page = await http.GetAsync($"/api/v1/coSpaces?limit=100&offset={seen.Count}");
            Assert.Equal("2000", page.Attribute("total")?.Value);
            var ids = Ids(page);
            if (ids.Count == 0)
            {
                break;
            }
            seen.AddRange(ids);
            pages++;
        }

        Assert.Equal(SpaceCount, seen.Count);
        Assert.Equal(SpaceCount, seen.Distinct().Count());
        Assert.Equal(SpaceCount / 20, pages);
    }

    [Fact]
    public async Task List_LastPartialPage_ReturnsOnlyTheRest()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync("/api/v1/coSpaces?offset=1995&limit=20");

        Assert.Equal("2000", page.Attribute("total")?.Value);
        Assert.Equal(5, page.Elements("coSpace").Count());
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(5000)]
    public async Task List_OffsetAtOrBeyondTotal_ReturnsAnEmptyListWithTheTotal(int offset)
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync($"/api/v1/coSpaces?offset={offset}");

        Assert.Equal("coSpaces", page.Name.LocalName);
        Assert.Equal("2000", page.Attribute("total")?.Value);
        Assert.Empty(page.Elements());
    }

    [Theory]
    [InlineData("offset=abc", "offset")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-5", "limit")]
    public async Task List_InvalidOffsetOrLimit_Returns400ParameterError(string query, string parameter)
    {
        await using var sim = await CmsSimulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.InvalidValueAsync(HttpMethod.Get, $"/api/v1/coSpaces?{query}", null, parameter);
    }

    [Fact]
    public async Task List_FilterAcrossPages_TotalCountsEveryMatch()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        // "Space 1", "Space 10".."Space 19", "Space 100".."Space 199", "Space 1000".."Space 1999".
        var seen = new HashSet<string>();
        while (true)
        {
            var page = await http.GetAsync($"/api/v1/coSpaces?filter=Space+1&offset={seen.Count}");
            Assert.Equal("1111", page.Attribute("total")?.Value);
            var names = page.Elements("coSpace").Select(s => s.Value("name") ?? "").ToList();
            if (names.Count == 0)
            {
                break;
            }
            Assert.All(names, n => Assert.StartsWith("Space 1", n, StringComparison.Ordinal));
            Assert.All(names, n => Assert.True(seen.Add(n), $"{n} listed twice"));
        }
        Assert.Equal(1111, seen.Count);
    }

    [Fact]
    public async Task List_BulkSpaces_CarryTheirMappedUriAndCallId()
    {
        await using var sim = await StartWithSpacesAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync("/api/v1/coSpaces?filter=space.1234");

        var space = Assert.Single(page.Elements("coSpace"));
        Assert.Equal(("Space 1234", "space.1234", "8111234"), (space.Value("name"), space.Value("uri"), space.Value("callId")));
    }

    [Fact]
    public async Task List_CallBridgesWithLimitAndOffset_PagesTheSharedTable()
    {
        await using var sim = await CmsSimulatorHost.StartAsync(o => o.Nodes = 3, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new CmsHttp(sim.Nodes[0]);

        var page = await http.GetAsync("/api/v1/callBridges?offset=1&limit=1");

        Assert.Equal("3", page.Attribute("total")?.Value);
        Assert.Equal("CallBridge-Core2", Assert.Single(page.Elements("callBridge")).Value("name"));
    }

    private static List<string> Ids(XElement list) =>
        list.Elements().Select(e => e.Attribute("id")?.Value ?? "").ToList();
}
