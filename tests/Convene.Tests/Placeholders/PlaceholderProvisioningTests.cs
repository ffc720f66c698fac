using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Meetings;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Placeholders;

/// <summary>The seed's "Criar espaços reservados de conferência": a bulk parameter set, a sync, and the spaces
/// TMS_Scheduled_Meeting_N with URI and call ID N; changing the range; adopting a range TMS made.</summary>
public abstract class PlaceholderProvisioningTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Theory(Timeout = 60_000)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SetRange_AsTheSeed_MakesOnePlaceholderPerNumericId(int nodes)
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(nodes);
        var before = (await RequestsAsync(cluster)).Count;

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("CMS Core Primary", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var requests = (await RequestsAsync(cluster)).Skip(before).ToList();
        var provisioned = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Complete, provisioned.Provisioning);
        Assert.Equal((1L, 5), (provisioned.ProvisionedBase!.Value, provisioned.ProvisionedQuantity!.Value));
        var placeholders = await PlaceholdersAsync(client, bridge.Id);
        var spaces = await cluster.SpacesAsync();
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"TMS_Scheduled_Meeting_{n}"), spaces.Select(s => s.Name));
        Assert.All(spaces, s => Assert.Equal((s.Name!["TMS_Scheduled_Meeting_".Length..], s.Name!["TMS_Scheduled_Meeting_".Length..]), (s.Uri, s.CallId)));
        using (var cms = cluster.Client())
        {
            foreach (var space in spaces)
            {
                Assert.False((await cms.GetSpaceAsync(space.Id, Ct)).NonMemberAccess);
            }
        }
        Assert.Equal(spaces.Select(s => (long.Parse(s.Uri!, System.Globalization.CultureInfo.InvariantCulture), s.Name!, s.Id, false)),
            placeholders.Select(p => (p.NumericId, p.Name, p.SpaceId, p.Adopted)));

        // The seed's trace 8954–8956 (set, sync, sync status), between Convene's look for placeholders
        // already there (to adopt a range TMS made) and its check that every space was made. The sync is
        // polled until it ends: one GET or more.
        var (callProfile, legProfile, setId) = await convene.DbAsync(async db =>
        {
            var row = await db.Bridges.SingleAsync(b => b.Id == bridge.Id, Ct);
            return (row.CallProfileId, row.CallLegProfileId, row.BulkParameterSetId);
        });
        var list = "GET /api/v1/coSpaces?filter=TMS_Scheduled_Meeting_&offset=0&limit=50";
        var lines = requests.Select(r => r.Line).ToList();
        var syncId = lines.First(l => l.StartsWith("GET /api/v1/cospaceBulkSyncs/", StringComparison.Ordinal)).Split('/')[^1];
        Assert.Equal([list, "POST /api/v1/cospaceBulkParameterSets", "POST /api/v1/cospaceBulkSyncs", $"GET /api/v1/cospaceBulkSyncs/{syncId}", list], lines.Where((l, i) => i == 0 || l != lines[i - 1]));
        Assert.Equal(
            $"startIndex=1&endIndex=5&coSpaceUriMapping=$index$&coSpaceNameMapping=TMS_Scheduled_Meeting_$index$&coSpaceCallIdMapping=$index$&callProfile={callProfile}&callLegProfile={legProfile}&nonMemberAccess=false",
            Uri.UnescapeDataString(requests.Single(r => r.Line == "POST /api/v1/cospaceBulkParameterSets").Body!));
        Assert.Equal($"cospaceBulkParameterSet={setId}", requests.Single(r => r.Line == "POST /api/v1/cospaceBulkSyncs").Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetRange_OverlappingAnotherBridgesRange_Returns409AndMakesNothing()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(2);
        var other = await AddBridgeAsync(client, await StartClusterAsync(2));
        await PutSettingsAsync(client, other.Id, new BridgeSettings("Other", "other.example.com", 1000, 100));
        await convene.ProvisioningIdleAsync(other.Id);

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new BridgeSettings("Mine", "video.example.com", 950, 51), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("/range-overlap", problem.Type, StringComparison.Ordinal);
        Assert.Empty(await cluster.SpacesAsync());
        Assert.Empty(await PlaceholdersAsync(client, bridge.Id));
    }

    [Fact(Timeout = 60_000)]
    public async Task SetRange_CollidingWithASpaceOnTheBridge_FailsWithATicketNamingItAndLeavesNothing()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(2);
        var boardRoom = await PostToClusterAsync(cluster, "coSpaces", "name=Board Room&uri=board.room&callId=103");

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 100, 10));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var failed = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Failed, failed.Provisioning);
        Assert.Null(failed.ProvisionedBase);
        var tickets = (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets?state=Open", Ct))!;
        var ticket = Assert.Single(tickets, t => t.Type == TicketType.PlaceholderProvisioningFailed);
        Assert.Contains("call ID", ticket.Details, StringComparison.Ordinal);
        Assert.Contains("'Board Room' (103)", ticket.Details, StringComparison.Ordinal);
        Assert.Equal(ticket.Details, failed.ProvisioningError);
        Assert.Empty(await PlaceholdersAsync(client, bridge.Id));
        Assert.Equal([boardRoom], (await cluster.SpacesAsync()).Select(s => s.Id));
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListBulkParameterSetsAsync(Ct).ToListAsync(Ct));

        // Moving the range off the space makes the placeholders and resolves the ticket.
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 200, 10));
        await convene.ProvisioningIdleAsync(bridge.Id);
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        Assert.Equal(10, (await PlaceholdersAsync(client, bridge.Id)).Count);
        Assert.Empty((await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets?state=Open", Ct))!);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetDomain_AfterTheRange_StartsProvisioningOnceTheSettingsAreComplete()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(1);

        var rangeOnly = await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", null, 40, 3));
        Assert.Equal(ProvisioningState.NotConfigured, rangeOnly.Provisioning);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 40, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        Assert.Equal([40L, 41, 42], (await PlaceholdersAsync(client, bridge.Id)).Select(p => p.NumericId));
        Assert.Equal(3, (await cluster.SpacesAsync()).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task ClearRange_AfterProvisioning_Returns409AndKeepsThePlaceholders()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(1);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 60, 2));
        await convene.ProvisioningIdleAsync(bridge.Id);

        using var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new BridgeSettings("Core", "video.example.com", null, null), Ct);

        var problem = await ProblemAsync(response, System.Net.HttpStatusCode.Conflict);
        Assert.Contains("Placeholders 60–61 exist", problem.Title, StringComparison.Ordinal);
        var kept = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal((60L, 2), (kept.NumericIdBase!.Value, kept.NumericIdQuantity!.Value));
        Assert.Equal(2, (await cluster.SpacesAsync()).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task ChangeRange_AfterProvisioning_RemakesThePlaceholdersAndLeavesOtherSpaces()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(2);
        var boardRoom = await PostToClusterAsync(cluster, "coSpaces", "name=Board Room&uri=board.room&callId=5000");
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var first = await PlaceholdersAsync(client, bridge.Id);

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 3, 6));
        await convene.ProvisioningIdleAsync(bridge.Id);

        var changed = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(ProvisioningState.Complete, changed.Provisioning);
        Assert.Equal((3L, 6), (changed.ProvisionedBase!.Value, changed.ProvisionedQuantity!.Value));
        var placeholders = await PlaceholdersAsync(client, bridge.Id);
        Assert.Equal([3L, 4, 5, 6, 7, 8], placeholders.Select(p => p.NumericId));
        var spaces = await cluster.SpacesAsync();
        Assert.Equal(placeholders.Select(p => p.SpaceId).Append(boardRoom).Order(StringComparer.Ordinal), spaces.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(spaces, s => first.Any(p => p.SpaceId == s.Id));
        Assert.Equal("Board Room", spaces.Single(s => s.Id == boardRoom).Name);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetRange_ThatTmsAlreadyMade_AdoptsItWithoutABulkSetOfItsOwn()
    {
        var cluster = await StartClusterAsync(2, o => o.SoftwareVersion = "2.0(RC)");
        // TMS's own profiles and its bulk set, exactly as the seed's trace 8893–8955 sent them.
        var callProfile = await PostToClusterAsync(cluster, "callProfiles", "participantLimit=1000&messageBoardEnabled=false");
        var legProfile = await PostToClusterAsync(cluster, "callLegProfiles",
            "defaultLayout=telepresence&changeLayoutAllowed=true&presentationContributionAllowed=true&presentationViewingAllowed=true&muteSelfAllowed=true&videoMuteSelfAllowed=true");
        var set = await PostToClusterAsync(cluster, "cospaceBulkParameterSets",
            $"startIndex=1&endIndex=5&coSpaceUriMapping=&coSpaceNameMapping=TMS_Scheduled_Meeting_&coSpaceCallIdMapping=&callProfile={callProfile}&callLegProfile={legProfile}&nonMemberAccess=false");
        var sync = await PostToClusterAsync(cluster, "cospaceBulkSyncs", $"cospaceBulkParameterSet={set}");
        Assert.Equal("complete", await cluster.WhenBulkSyncDone(sync));
        var tmsSpaces = await cluster.SpacesAsync();
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("CMS Core Primary", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        var placeholders = await PlaceholdersAsync(client, bridge.Id);
        Assert.Equal(5, placeholders.Count);
        Assert.All(placeholders, p => Assert.True(p.Adopted));
        Assert.Equal(tmsSpaces.Select(s => s.Id).Order(StringComparer.Ordinal), placeholders.Select(p => p.SpaceId).Order(StringComparer.Ordinal));
        Assert.Equal(tmsSpaces.Select(s => s.Id), (await cluster.SpacesAsync()).Select(s => s.Id));
        using var cms = cluster.Client();
        Assert.Equal([set], (await cms.ListBulkParameterSetsAsync(Ct).ToListAsync(Ct)).Select(s => s.Id));
        Assert.Null(await convene.DbAsync(db => db.Bridges.Where(b => b.Id == bridge.Id).Select(b => b.BulkParameterSetId).SingleAsync(Ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task ChangeRange_WhileAMeetingRuns_Returns409AndKeepsThePlaceholders()
    {
        var (cluster, convene, client, bridge) = await StartWithBridgeAsync(2);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var spaces = await cluster.SpacesAsync();
        await convene.DbAsync(async db =>
        {
            var start = convene.Clock.GetUtcNow();
            db.Meetings.Add(new Meeting
            {
                Id = Guid.NewGuid(), BridgeId = bridge.Id, Title = "Board meeting", TimeZone = "UTC", NumericId = 1, State = MeetingState.Running,
                StartUtc = start, EndUtc = start.AddHours(1), StartLocal = start.UtcDateTime, EndLocal = start.AddHours(1).UtcDateTime,
            });
            return await db.SaveChangesAsync(Ct);
        });

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new BridgeSettings("Core", "video.example.com", 1, 10), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("/range-in-use", problem.Type, StringComparison.Ordinal);
        Assert.Contains("\"Board meeting\" is running", problem.Title, StringComparison.Ordinal);
        var after = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(5, after.NumericIdQuantity);
        Assert.Equal(ProvisioningState.Complete, after.Provisioning);
        Assert.Equal(spaces.Select(s => s.Id), (await cluster.SpacesAsync()).Select(s => s.Id));
    }

    private async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, HttpClient Client, BridgeDto Bridge)> StartWithBridgeAsync(int nodes)
    {
        var cluster = await StartClusterAsync(nodes);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        return (cluster, convene, client, await AddBridgeAsync(client, cluster));
    }

    private static async Task<List<PlaceholderDto>> PlaceholdersAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!;

    /// <summary>A plain form POST to node 1's API, as another tool (TMS, an administrator's script) sends it;
    /// returns the new object's id from the Location.</summary>
    private static async Task<string> PostToClusterAsync(CmsSimulatorHost cluster, string resource, string form)
    {
        var node = cluster.Nodes[0];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.ApiUrl.GetLeftPart(UriPartial.Authority) + "/api/v1/" + resource))
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{node.Username}:{node.Password}")));
        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {resource}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }
}

public sealed class PlaceholderProvisioningTests_Sqlite() : PlaceholderProvisioningTests(DatabaseKind.Sqlite, null);

public sealed class PlaceholderProvisioningTests_Postgres(PostgresServer postgres) : PlaceholderProvisioningTests(DatabaseKind.Postgres, postgres);
