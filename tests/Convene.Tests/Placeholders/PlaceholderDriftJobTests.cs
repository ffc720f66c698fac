using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Lifecycle;
using Convene.Placeholders;
using Convene.Tickets;

namespace Convene.Tests.Placeholders;

/// <summary>The drift check runs by itself as a Quartz job every <c>Convene:Placeholders:DriftCheckInterval</c>, and on
/// demand through <see cref="LifecycleRunner"/> when the scheduler is off.</summary>
public abstract class PlaceholderDriftJobTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Interval_Passing_RunsTheCheckThatPutsAnOpenedPlaceholderBack()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Placeholders:DriftCheckInterval"] = "00:07:00");
        var client = convene.Client();
        var (bridge, opened) = await OpenAPlaceholderAsync(convene, client, cluster);
        await using var events = await ConveneEvents.ListenAsync(convene);

        convene.Clock.Advance(TimeSpan.FromMinutes(7));

        var ticket = await events.UntilAsync(() => DriftTicketAsync(client, bridge.Id), t => t?.State == TicketState.Resolved, "the drift ticket raised and resolved");
        Assert.Contains("1: opened to non-members", ticket!.Details, StringComparison.Ordinal);
        using var cms = cluster.Client();
        Assert.False((await cms.GetSpaceAsync(opened, Ct)).NonMemberAccess);
    }

    [Fact(Timeout = 120_000)]
    public async Task SchedulerOff_RunnerRunsTheJob_PutsAnOpenedPlaceholderBack()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        var client = convene.Client();
        var (bridge, opened) = await OpenAPlaceholderAsync(convene, client, cluster);

        await convene.Services.GetRequiredService<LifecycleRunner>().RunJobAsync<PlaceholderDriftJob>(Ct);

        Assert.Equal(TicketState.Resolved, (await DriftTicketAsync(client, bridge.Id))?.State);
        using var cms = cluster.Client();
        Assert.False((await cms.GetSpaceAsync(opened, Ct)).NonMemberAccess);
    }

    /// <summary>A bridge with three placeholders, the first opened to everyone on the bridge; returns its space id.</summary>
    private static async Task<(BridgeDto Bridge, string SpaceId)> OpenAPlaceholderAsync(ConveneFactory convene, HttpClient client, Cms.Simulator.CmsSimulatorHost cluster)
    {
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var opened = (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridge.Id}/placeholders", Ct))![0];
        using var cms = cluster.Client();
        await cms.UpdateSpaceAsync(opened.SpaceId, new SpaceChanges { NonMemberAccess = true }, Ct);
        return (bridge, opened.SpaceId);
    }

    private static async Task<TicketDto?> DriftTicketAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridgeId}/tickets", Ct))!.SingleOrDefault(t => t.Type == TicketType.PlaceholderDrift);
}

public sealed class PlaceholderDriftJobTests_Sqlite() : PlaceholderDriftJobTests(DatabaseKind.Sqlite, null);

public sealed class PlaceholderDriftJobTests_Postgres(PostgresServer postgres) : PlaceholderDriftJobTests(DatabaseKind.Postgres, postgres);
