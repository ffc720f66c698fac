using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;
using Convene.Tests.Status;

namespace Convene.Tests.Placeholders;

/// <summary>POST /api/bridges/{id}/provision: provisioning again for the current range.</summary>
public abstract class ReprovisionTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Provision_AfterASpaceWasDeletedOnTheBridge_MakesItAgain()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 20, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        using var cms = cluster.Client();
        var lost = (await PlaceholdersAsync(client, bridge.Id))[1];
        await cms.DeleteSpaceAsync(lost.SpaceId, Ct);

        using var response = await client.PostAsync($"/api/bridges/{bridge.Id}/provision", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        var placeholders = await PlaceholdersAsync(client, bridge.Id);
        Assert.Equal([20L, 21, 22], placeholders.Select(p => p.NumericId));
        var spaces = await cms.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(placeholders.Select(p => p.SpaceId).Order(StringComparer.Ordinal), spaces.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Provision_WhileAMeetingRuns_Returns409AndTouchesNothing()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 30, 2));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var before = await PlaceholdersAsync(client, bridge.Id);
        var now = convene.Clock.GetUtcNow();
        await convene.DbAsync(db =>
        {
            db.Meetings.Add(StatusPollerTests.Booking(bridge.Id, "Live now", now.AddMinutes(-5), now.AddMinutes(55), MeetingState.Running, 30));
            return db.SaveChangesAsync(Ct);
        });

        using var response = await client.PostAsync($"/api/bridges/{bridge.Id}/provision", null, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("Live now", problem.Title, StringComparison.Ordinal);
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        Assert.Equal(before.Select(p => p.SpaceId), (await PlaceholdersAsync(client, bridge.Id)).Select(p => p.SpaceId));
    }

    [Fact(Timeout = 60_000)]
    public async Task Provision_WithoutARange_Returns409()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        using var response = await client.PostAsync($"/api/bridges/{bridge.Id}/provision", null, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("numeric ID", problem.Title, StringComparison.Ordinal);
    }

    private static async Task<List<PlaceholderDto>> PlaceholdersAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!;
}

public sealed class ReprovisionTests_Sqlite() : ReprovisionTests(DatabaseKind.Sqlite, null);

public sealed class ReprovisionTests_Postgres(PostgresServer postgres) : ReprovisionTests(DatabaseKind.Postgres, postgres);
