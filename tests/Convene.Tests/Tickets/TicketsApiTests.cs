using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Tickets;

namespace Convene.Tests.Tickets;

/// <summary>The seed's two tickets after adding a CMS, how they go away (steps 2–4), acknowledging and filtering.</summary>
public abstract class TicketsApiTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task AddBridge_AsTheSeedShows_OpensBlankSystemNameAndDialNumberConfigurationError()
    {
        var (convene, client, bridge) = await StartWithBridgeAsync();

        var open = await TicketsAsync(client, bridge.Id, TicketState.Open);

        Assert.Equal([TicketType.BlankSystemName, TicketType.DialNumberConfigurationError], open.Select(t => t.Type).Order());
        Assert.Equal("The name of the system is blank.", open.Single(t => t.Type == TicketType.BlankSystemName).Details);
        Assert.Equal("Domain, Numeric ID Base and Numeric ID Quantity details are not set.", open.Single(t => t.Type == TicketType.DialNumberConfigurationError).Details);
        Assert.All(open, t => Assert.Equal(convene.Clock.GetUtcNow(), t.RaisedUtc));
    }

    [Fact(Timeout = 60_000)]
    public async Task SetName_ResolvesBlankSystemNameOnly()
    {
        var (convene, client, bridge) = await StartWithBridgeAsync();
        convene.Clock.Advance(TimeSpan.FromMinutes(5));

        var named = await PutSettingsAsync(client, bridge.Id, new BridgeSettings("CMS Core Primary", null, null, null));

        Assert.Equal("CMS Core Primary", named.DisplayName);
        var all = await TicketsAsync(client, bridge.Id);
        var blank = all.Single(t => t.Type == TicketType.BlankSystemName);
        Assert.Equal(TicketState.Resolved, blank.State);
        Assert.Equal(convene.Clock.GetUtcNow(), blank.ResolvedUtc);
        Assert.Equal(TicketState.Open, all.Single(t => t.Type == TicketType.DialNumberConfigurationError).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetNameAndExtendedSettings_AsSeedStep4_LeavesNoOpenOrAcknowledgedTicket()
    {
        var (convene, client, bridge) = await StartWithBridgeAsync();

        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("CMS Core Primary", null, null, null));
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("CMS Core Primary", "video.example.com", 1, 5));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Empty(await TicketsAsync(client, bridge.Id, TicketState.Open));
        Assert.Empty(await TicketsAsync(client, bridge.Id, TicketState.Acknowledged));
        Assert.Equal(2, (await TicketsAsync(client, bridge.Id, TicketState.Resolved)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Acknowledge_OpenTicket_RecordsWhoAndWhenAndDoesNotRaiseItAgain()
    {
        var (convene, client, bridge) = await StartWithBridgeAsync();
        var ticket = (await TicketsAsync(client, bridge.Id)).Single(t => t.Type == TicketType.BlankSystemName);
        convene.Clock.Advance(TimeSpan.FromHours(1));

        var response = await client.PostAsync($"/api/tickets/{ticket.Id}/acknowledge", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acknowledged = (await response.Content.ReadFromJsonAsync<TicketDto>(Ct))!;
        Assert.Equal(TicketState.Acknowledged, acknowledged.State);
        Assert.Equal(ConveneFactory.AdminUser, acknowledged.AcknowledgedBy);
        Assert.Equal(convene.Clock.GetUtcNow(), acknowledged.AcknowledgedUtc);

        // Saving settings that still leave the name blank keeps the one acknowledged ticket.
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings(null, null, null, null, AllowBooking: false));
        var blank = (await TicketsAsync(client, bridge.Id)).Where(t => t.Type == TicketType.BlankSystemName).ToList();
        Assert.Equal(TicketState.Acknowledged, Assert.Single(blank).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Acknowledge_ResolvedTicket_Returns409()
    {
        var (_, client, bridge) = await StartWithBridgeAsync();
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Named", null, null, null));
        var resolved = (await TicketsAsync(client, bridge.Id)).Single(t => t.Type == TicketType.BlankSystemName);

        var response = await client.PostAsync($"/api/tickets/{resolved.Id}/acknowledge", null, Ct);

        await ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task TicketFilter_OfAType_HidesItUnlessAskedFor()
    {
        var (_, client, bridge) = await StartWithBridgeAsync();

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/ticket-filters", new[] { TicketType.BlankSystemName }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TicketType.BlankSystemName], (await client.GetFromJsonAsync<List<TicketType>>($"/api/bridges/{bridge.Id}/ticket-filters", Ct))!);
        Assert.Equal([TicketType.DialNumberConfigurationError], (await TicketsAsync(client, bridge.Id)).Select(t => t.Type));
        Assert.Equal([TicketType.DialNumberConfigurationError], (await client.GetFromJsonAsync<List<TicketDto>>("/api/tickets", Ct))!.Select(t => t.Type));
        var everything = (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets?includeFiltered=true", Ct))!;
        Assert.Equal(2, everything.Count);
    }

    private async Task<(ConveneFactory Convene, HttpClient Client, BridgeDto Bridge)> StartWithBridgeAsync()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        return (convene, client, await AddBridgeAsync(client, cluster));
    }

    private static async Task<List<TicketDto>> TicketsAsync(HttpClient client, Guid bridgeId, TicketState? state = null) =>
        (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridgeId}/tickets{(state is null ? "" : $"?state={state}")}", Ct))!;
}

public sealed class TicketsApiTests_Sqlite() : TicketsApiTests(DatabaseKind.Sqlite, null);

public sealed class TicketsApiTests_Postgres(PostgresServer postgres) : TicketsApiTests(DatabaseKind.Postgres, postgres);
