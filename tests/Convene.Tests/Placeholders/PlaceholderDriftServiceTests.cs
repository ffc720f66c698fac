using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Tickets;

namespace Convene.Tests.Placeholders;

/// <summary>The drift check runs by itself every <c>Convene:Placeholders:DriftCheckInterval</c>.</summary>
public abstract class PlaceholderDriftServiceTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Interval_Passing_RunsTheCheckThatPutsAnOpenedPlaceholderBack()
    {
        var interval = TimeSpan.FromMinutes(7);
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync(s => s["Convene:Placeholders:DriftCheckInterval"] = "00:07:00");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var opened = (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridge.Id}/placeholders", Ct))![0];
        using var cms = cluster.Client();
        await cms.UpdateSpaceAsync(opened.SpaceId, new SpaceChanges { NonMemberAccess = true }, Ct);
        await convene.Clock.WhenMadeAsync(interval, 0); // the service waits for its first tick

        convene.Clock.Advance(interval);

        // The check runs in the background: wait for its ticket, a bounded number of times.
        TicketDto? ticket = null;
        for (var attempt = 0; attempt < 300 && ticket?.State != TicketState.Resolved; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, Ct);
            ticket = (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets", Ct))!.SingleOrDefault(t => t.Type == TicketType.PlaceholderDrift);
        }
        Assert.NotNull(ticket);
        Assert.Equal(TicketState.Resolved, ticket.State);
        Assert.Contains("1: opened to non-members", ticket.Details, StringComparison.Ordinal);
        Assert.False((await cms.GetSpaceAsync(opened.SpaceId, Ct)).NonMemberAccess);
    }
}

public sealed class PlaceholderDriftServiceTests_Sqlite() : PlaceholderDriftServiceTests(DatabaseKind.Sqlite, null);

public sealed class PlaceholderDriftServiceTests_Postgres(PostgresServer postgres) : PlaceholderDriftServiceTests(DatabaseKind.Postgres, postgres);
