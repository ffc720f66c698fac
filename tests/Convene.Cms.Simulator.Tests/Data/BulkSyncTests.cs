using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Data;

public sealed class BulkSyncTests
{
    private const string IndexMappings = "coSpaceUriMapping=space.$index$&coSpaceNameMapping=Space $index$&coSpaceCallIdMapping=811$index$";

    [Fact]
    public async Task Sync_SeedRequest_CreatesTmsScheduledMeetingsOneToFive()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var callProfile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=100");
        var legProfile = await http.CreateAsync("/api/v1/callLegProfiles", "needsActivation=false");
        var setId = await http.CreateAsync("/api/v1/cospaceBulkParameterSets",
            $"startIndex=1&endIndex=5&coSpaceUriMapping=&coSpaceNameMapping=TMS_Scheduled_Meeting_&coSpaceCallIdMapping=&callProfile={callProfile}&callLegProfile={legProfile}&nonMemberAccess=false",
            "/api/v1/cospaceBulkParameterSets/");

        var syncId = await SyncAsync(http, setId);
        Assert.Equal("complete", await host.WhenBulkSyncDone(syncId).WaitAsync(Sim.Wait, TestContext.Current.CancellationToken));

        var sync = await http.GetAsync($"/api/v1/cospaceBulkSyncs/{syncId}");
        Assert.Equal(setId, sync.Value("cospaceBulkParameterSet"));
        Assert.Equal("complete", sync.Value("status"));
        var spaces = await SpacesAsync(http, "TMS_Scheduled_Meeting_");
        Assert.Equal(["TMS_Scheduled_Meeting_1", "TMS_Scheduled_Meeting_2", "TMS_Scheduled_Meeting_3", "TMS_Scheduled_Meeting_4", "TMS_Scheduled_Meeting_5"],
            spaces.Select(s => s.Value("name")));
        Assert.Equal(["1", "2", "3", "4", "5"], spaces.Select(s => s.Value("uri")));
        Assert.Equal(["1", "2", "3", "4", "5"], spaces.Select(s => s.Value("callId")));
        var first = await http.GetAsync($"/api/v1/coSpaces/{spaces[0].Attribute("id")!.Value}");
        Assert.Equal("false", first.Value("nonMemberAccess"));
        Assert.Equal(callProfile, first.Value("callProfile"));
        Assert.False(string.IsNullOrEmpty(first.Value("secret")));
    }

    [Fact]
    public async Task Sync_IndexMappings_ExpandsUriNameAndCallIdWithSecrets()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1000, 1004, IndexMappings);

        Assert.Equal("complete", await RunAsync(host, http, setId));

        var spaces = await SpacesAsync(http, "space.");
        Assert.Equal(["space.1000", "space.1001", "space.1002", "space.1003", "space.1004"], spaces.Select(s => s.Value("uri")));
        Assert.Equal(["Space 1000", "Space 1001", "Space 1002", "Space 1003", "Space 1004"], spaces.Select(s => s.Value("name")));
        Assert.Equal(["8111000", "8111001", "8111002", "8111003", "8111004"], spaces.Select(s => s.Value("callId")));
        var secrets = new List<string>();
        foreach (var space in spaces)
        {
            var detail = await http.GetAsync($"/api/v1/coSpaces/{space.Attribute("id")!.Value}");
            secrets.Add(Assert.IsType<string>(detail.Value("secret")));
            Assert.Equal("true", detail.Value("nonMemberAccess"));
        }
        Assert.Equal(5, secrets.Distinct().Count());
    }

    [Fact]
    public async Task Sync_WithoutCallIdMapping_CreatesSpacesWithoutCallIdOrSecret()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 2, "coSpaceUriMapping=room.$index$&coSpaceNameMapping=Room $index$");

        Assert.Equal("complete", await RunAsync(host, http, setId));

        var space = (await SpacesAsync(http, "room."))[0];
        var detail = await http.GetAsync($"/api/v1/coSpaces/{space.Attribute("id")!.Value}");
        Assert.Null(detail.Value("callId"));
        Assert.Null(detail.Value("secret"));
    }

    [Fact]
    public async Task Sync_EscapedDollarAndBackslash_AreLiteral()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 7, 7, @"coSpaceUriMapping=cost.$index$&coSpaceNameMapping=Cost \$$index$ \\ \$index\$");

        Assert.Equal("complete", await RunAsync(host, http, setId));

        var space = Assert.Single(await SpacesAsync(http, "cost.7"));
        Assert.Equal(@"Cost $7 \ $index$", space.Value("name"));
    }

    [Fact]
    public async Task Sync_WithPendingAndRunningTimes_GoesPendingRunningComplete()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time, o =>
        {
            o.BulkSyncPendingTime = TimeSpan.FromSeconds(2);
            o.BulkSyncRunningTime = TimeSpan.FromSeconds(3);
        });
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 3, IndexMappings);
        var syncId = await SyncAsync(http, setId);
        var done = host.WhenBulkSyncDone(syncId);

        Assert.Equal("pending", await StatusOfAsync(http, syncId));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("pending", await StatusOfAsync(http, syncId));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("running", await StatusOfAsync(http, syncId));
        Assert.Empty(await SpacesAsync(http, "space."));
        Assert.False(done.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("complete", await done.WaitAsync(Sim.Wait, TestContext.Current.CancellationToken));
        Assert.Equal("complete", await StatusOfAsync(http, syncId));
        Assert.Equal(3, (await SpacesAsync(http, "space.")).Count);
    }

    [Fact]
    public async Task Sync_WithPendingTime_StillRunsAfterGarbageCollection()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time, o =>
        {
            o.BulkSyncPendingTime = TimeSpan.FromSeconds(2);
            o.BulkSyncRunningTime = TimeSpan.FromSeconds(3);
        });
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 3, IndexMappings);
        var syncId = await SyncAsync(http, setId);
        var done = host.WhenBulkSyncDone(syncId);

        CollectGarbage();
        time.Advance(TimeSpan.FromSeconds(2));
        CollectGarbage();
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("complete", await done.WaitAsync(Sim.Wait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sync_UriHeldByAnotherSpace_FailsUriConflictAndKeepsOldSpaces()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 3, "coSpaceUriMapping=room.$index$&coSpaceNameMapping=Room $index$");
        Assert.Equal("complete", await RunAsync(host, http, setId));
        var before = (await SpacesAsync(http, "room.")).Select(s => s.Attribute("id")!.Value).ToList();
        await http.CreateSpaceAsync("room.5");
        await http.PutAsync($"/api/v1/cospaceBulkParameterSets/{setId}", "endIndex=6");

        Assert.Equal("failedCoSpaceUriConflict", await RunAsync(host, http, setId));

        var after = await SpacesAsync(http, "room.");
        Assert.Equal(["room.1", "room.2", "room.3", "room.5"], after.Select(s => s.Value("uri")).Order(StringComparer.Ordinal));
        Assert.Subset(after.Select(s => s.Attribute("id")!.Value).ToHashSet(), before.ToHashSet());
    }

    [Fact]
    public async Task Sync_CallIdHeldByAnotherSpace_FailsCallIdConflictAndKeepsOldSpaces()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 2, IndexMappings);
        Assert.Equal("complete", await RunAsync(host, http, setId));
        var before = (await SpacesAsync(http, "space.")).Select(s => s.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToList();
        await http.CreateSpaceAsync("other", "callId=8114");
        await http.PutAsync($"/api/v1/cospaceBulkParameterSets/{setId}", "endIndex=4");

        Assert.Equal("failedCallIdConflict", await RunAsync(host, http, setId));

        var after = await SpacesAsync(http, "space.");
        Assert.Equal(before, after.Select(s => s.Attribute("id")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["space.1", "space.2"], after.Select(s => s.Value("uri")));
        Assert.Single(await SpacesAsync(http, "other"));
    }

    [Fact]
    public async Task Sync_MappingWithoutIndexAndNoAppend_FailsUriConflictWithinTheSet()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.AppendIndexWhenMappingHasNoPlaceholder = false);
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 2, "coSpaceUriMapping=samename&coSpaceNameMapping=Same");

        Assert.Equal("failedCoSpaceUriConflict", await RunAsync(host, http, setId));

        Assert.Empty(await SpacesAsync(http, "samename"));
    }

    [Fact]
    public async Task Sync_StartAfterEnd_FailsIndexRangeInvalid()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 5, 4, IndexMappings);

        Assert.Equal("failedIndexRangeInvalid", await RunAsync(host, http, setId));

        Assert.Empty(await SpacesAsync(http, "space."));
    }

    [Fact]
    public async Task Sync_RangeLargerThanMaxBulkRange_FailsIndexRangeTooGreat()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.MaxBulkRange = 3);
        using var http = host.Api();
        var tooMany = await CreateSetAsync(http, 1, 4, IndexMappings);
        var enough = await CreateSetAsync(http, 11, 13, IndexMappings);

        Assert.Equal("failedIndexRangeTooGreat", await RunAsync(host, http, tooMany));
        Assert.Equal("complete", await RunAsync(host, http, enough));

        Assert.Equal(["space.11", "space.12", "space.13"], (await SpacesAsync(http, "space.")).Select(s => s.Value("uri")));
    }

    [Fact]
    public async Task Sync_UnknownParameterSet_FailsNoSuchParameterSet()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();

        Assert.Equal("failedNoSuchParameterSet", await RunAsync(host, http, Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task Sync_OfDeletedParameterSet_FailsNoSuchParameterSet()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 2, IndexMappings);
        await http.DeleteAsync($"/api/v1/cospaceBulkParameterSets/{setId}");

        Assert.Equal("failedNoSuchParameterSet", await RunAsync(host, http, setId));
    }

    [Fact]
    public async Task Sync_AfterRangeChange_ReplacesTheSetsSpacesOnly()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 3, IndexMappings);
        Assert.Equal("complete", await RunAsync(host, http, setId));
        var other = await http.CreateSpaceAsync("space.other", "callId=42");
        await http.PutAsync($"/api/v1/cospaceBulkParameterSets/{setId}", "startIndex=2&endIndex=5");

        Assert.Equal("complete", await RunAsync(host, http, setId));

        var spaces = await SpacesAsync(http, "space.");
        Assert.Equal(["space.2", "space.3", "space.4", "space.5", "space.other"], spaces.Select(s => s.Value("uri")).Order(StringComparer.Ordinal));
        Assert.Equal("42", (await http.GetAsync($"/api/v1/coSpaces/{other}")).Value("callId"));
    }

    [Fact]
    public async Task Sync_RemoveAll_RemovesOnlyTheSetsSpacesEvenWhenRenamed()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var setId = await CreateSetAsync(http, 1, 3, IndexMappings);
        var otherSet = await CreateSetAsync(http, 1, 2, "coSpaceUriMapping=keep.$index$&coSpaceNameMapping=Keep $index$");
        Assert.Equal("complete", await RunAsync(host, http, setId));
        Assert.Equal("complete", await RunAsync(host, http, otherSet));
        var manual = await http.CreateSpaceAsync("manual");
        var renamed = (await SpacesAsync(http, "space.1"))[0].Attribute("id")!.Value;
        await http.PutAsync($"/api/v1/coSpaces/{renamed}", "name=Renamed meeting");

        var syncId = await http.CreateAsync("/api/v1/cospaceBulkSyncs", $"cospaceBulkParameterSet={setId}&removeAll=true");
        Assert.Equal("complete", await host.WhenBulkSyncDone(syncId).WaitAsync(Sim.Wait, TestContext.Current.CancellationToken));

        Assert.Empty(await SpacesAsync(http, "space."));
        Assert.Equal(2, (await SpacesAsync(http, "keep.")).Count);
        await http.GetAsync($"/api/v1/coSpaces/{manual}");
        Assert.Equal("true", (await http.GetAsync($"/api/v1/cospaceBulkSyncs/{syncId}")).Value("removeAll"));
    }

    [Fact]
    public async Task Sync_CreatedThroughOneNode_IsVisibleThroughEveryNode()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.Nodes = 3);
        using var first = host.Api(0);
        var setId = await CreateSetAsync(first, 1, 5, IndexMappings);

        Assert.Equal("complete", await RunAsync(host, first, setId));

        foreach (var node in host.Nodes)
        {
            using var http = new CmsHttp(node);
            Assert.Equal(5, (await SpacesAsync(http, "space.")).Count);
            Assert.Equal("complete", (await http.GetAsync("/api/v1/cospaceBulkSyncs")).Element("cospaceBulkSync")?.Value("status"));
        }
    }

    [Fact]
    public async Task ParameterSet_UriMappingWithAt_IsRefusedWithParameterError()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();

        var (status, failure) = await http.FailAsync(HttpMethod.Post, "/api/v1/cospaceBulkParameterSets",
            "startIndex=1&endIndex=2&coSpaceUriMapping=" + Uri.EscapeDataString("room.$index$@example.com"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        var reason = failure.Reason();
        Assert.Equal("parameterError", reason.Name.LocalName);
        Assert.Equal("coSpaceUriMapping", reason.Attribute("parameter")?.Value);
    }

    /// <summary>Collects what nothing references: a timer the simulator does not keep would be finalized here.</summary>
    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static Task<string> CreateSetAsync(CmsHttp http, int start, int end, string mappings)
    {
        var form = string.Join('&', mappings.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return pair[..eq] + "=" + Uri.EscapeDataString(pair[(eq + 1)..]);
        }));
        return http.CreateAsync("/api/v1/cospaceBulkParameterSets", $"startIndex={start}&endIndex={end}&{form}", "/api/v1/cospaceBulkParameterSets/");
    }

    private static Task<string> SyncAsync(CmsHttp http, string setId) =>
        http.CreateAsync("/api/v1/cospaceBulkSyncs", $"cospaceBulkParameterSet={setId}", "/api/v1/cospaceBulkSyncs/");

    private static async Task<string> RunAsync(CmsSimulatorHost host, CmsHttp http, string setId)
    {
        var syncId = await SyncAsync(http, setId);
        var status = await host.WhenBulkSyncDone(syncId).WaitAsync(Sim.Wait, TestContext.Current.CancellationToken);
        Assert.Equal(status, await StatusOfAsync(http, syncId));
        return status;
    }

    private static async Task<string?> StatusOfAsync(CmsHttp http, string syncId) =>
        (await http.GetAsync($"/api/v1/cospaceBulkSyncs/{syncId}")).Value("status");

    private static async Task<List<XElement>> SpacesAsync(CmsHttp http, string filter)
    {
        var list = await http.GetAsync($"/api/v1/coSpaces?filter={Uri.EscapeDataString(filter)}");
        var spaces = list.Elements("coSpace").ToList();
        Assert.Equal(list.Total(), spaces.Count);
        return spaces;
    }
}
