using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Meetings;
using Convene.Tests.Status;
using Convene.Tickets;

namespace Convene.Tests.Placeholders;

/// <summary>The drift check: placeholders deleted or changed on the bridge outside Convene are found at a
/// bounded cost, put back, and told in a ticket that resolves once they are.</summary>
public abstract class PlaceholderDriftCheckTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Check_PlaceholdersDeletedOpenedAndRenamed_RepairsThemWithATicketThatResolves()
    {
        var (cluster, convene, client, bridge) = await StartProvisionedAsync(5);
        using var cms = cluster.Client();
        var before = await PlaceholdersAsync(client, bridge.Id);
        var lobby = await cms.CreateSpaceAsync(new SpaceChanges { Name = "TMS_Scheduled_Meeting_Lobby", Uri = "lobby", CallId = "777", NonMemberAccess = true }, Ct);
        await cms.DeleteSpaceAsync(before[1].SpaceId, Ct);
        await cms.UpdateSpaceAsync(before[2].SpaceId, new SpaceChanges { NonMemberAccess = true, Passcode = "4321" }, Ct);
        await cms.UpdateSpaceAsync(before[3].SpaceId, new SpaceChanges { Name = "Friday drinks", CallId = "9999" }, Ct);

        await ProvisioningRecoveryTests.RunDriftCheckAsync(convene);

        await ProvisioningRecoveryTests.AssertPlaceholdersMatchTheBridgeAsync(client, cluster, bridge.Id, [1, 2, 3, 4, 5]);
        foreach (var placeholder in await PlaceholdersAsync(client, bridge.Id))
        {
            var space = await cms.GetSpaceAsync(placeholder.SpaceId, Ct);
            Assert.Equal((placeholder.Name, false, null, placeholder.NumericId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (space.Name, space.NonMemberAccess, space.Passcode, space.CallId));
        }
        var ticket = Assert.Single(await TicketsAsync(client, bridge.Id), t => t.Type == TicketType.PlaceholderDrift);
        Assert.Equal(TicketState.Resolved, ticket.State);
        Assert.Contains("2: deleted on the bridge", ticket.Details, StringComparison.Ordinal);
        Assert.Contains("3: opened to non-members, passcode set", ticket.Details, StringComparison.Ordinal);
        Assert.Contains("4: name changed to 'Friday drinks', call ID changed to 9999", ticket.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", ticket.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Lobby", ticket.Details, StringComparison.Ordinal);
        var foreign = await cms.GetSpaceAsync(lobby, Ct);
        Assert.Equal(("TMS_Scheduled_Meeting_Lobby", "lobby", "777", true), (foreign.Name, foreign.Uri, foreign.CallId, foreign.NonMemberAccess));
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_NothingChanged_SendsOnlyTheListAndTheBudgetedDetailsAndRaisesNoTicket()
    {
        var (cluster, convene, client, bridge) = await StartProvisionedAsync(5);
        var before = (await RequestsAsync(cluster)).Count;

        await ProvisioningRecoveryTests.RunDriftCheckAsync(convene);

        Assert.DoesNotContain(await TicketsAsync(client, bridge.Id), t => t.Type == TicketType.PlaceholderDrift);
        Assert.All((await RequestsAsync(cluster)).Skip(before), r => Assert.StartsWith("GET /api/v1/coSpaces", r.Line, StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(10)]
    [InlineData(45)]
    public async Task Check_RequestCount_IsTheListPagesAndTheDetailBudgetWhateverThePoolSize(int pool)
    {
        const int budget = 4;
        var (cluster, convene, _, _) = await StartProvisionedAsync(pool, s => s["Convene:Placeholders:DriftDetailsPerCheck"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var check = 0; check < 2; check++)
        {
            var before = (await RequestsAsync(cluster)).Count;

            await ProvisioningRecoveryTests.RunDriftCheckAsync(convene);

            var lines = (await RequestsAsync(cluster)).Skip(before).Select(r => r.Line).ToList();
            var pages = (pool + 19) / 20; // the simulator's page is 20 spaces, CMS's own cap
            Assert.Equal(pages, lines.Count(l => l.StartsWith("GET /api/v1/coSpaces?filter=TMS_Scheduled_Meeting_&", StringComparison.Ordinal)));
            var details = lines.Where(l => l.StartsWith("GET /api/v1/coSpaces/", StringComparison.Ordinal)).ToList();
            Assert.Equal(budget, details.Count);
            Assert.Equal(pages + budget, lines.Count);
            // The next check (one interval on) reads the next placeholders in full.
            Assert.All(details, d => Assert.True(seen.Add(d), $"{d} was read in full twice in a row."));
            convene.Clock.Advance(TimeSpan.FromMinutes(10));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_AfterARestartAndOnAnotherInstance_CarriesOnRoundThePool()
    {
        const int budget = 4;
        var cluster = await StartClusterAsync(1);
        var database = await NewDatabaseAsync();
        void Settings(IDictionary<string, string?> s)
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            s["Convene:Placeholders:DriftDetailsPerCheck"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var first = StartConvene(database, Settings);
        var client = first.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 10));
        await first.ProvisioningIdleAsync(bridge.Id);
        var read = new List<string>();
        async Task<List<string>> CheckAsync(ConveneFactory convene)
        {
            var before = (await RequestsAsync(cluster)).Count;
            await ProvisioningRecoveryTests.RunDriftCheckAsync(convene);
            return (await RequestsAsync(cluster)).Skip(before).Select(r => r.Line).Where(l => l.StartsWith("GET /api/v1/coSpaces/", StringComparison.Ordinal)).ToList();
        }
        read.AddRange(await CheckAsync(first));
        await first.DisposeAsync();

        // Restarted one check interval later, then a second instance on the same database one interval after that.
        var restarted = StartConvene(database, Settings);
        restarted.Clock.Advance(TimeSpan.FromMinutes(10));
        read.AddRange(await CheckAsync(restarted));
        var other = StartConvene(database, Settings);
        other.Clock.Advance(TimeSpan.FromMinutes(20));
        read.AddRange(await CheckAsync(other));

        Assert.Equal(10, read.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(12, read.Count);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(MeetingState.Running)]
    [InlineData(MeetingState.Booked)] // its placeholder opens in two minutes
    public async Task Check_APlaceholderAMeetingUsesOrIsAboutToOpen_IsLeftAlone(MeetingState state)
    {
        var (cluster, convene, client, bridge) = await StartProvisionedAsync(3);
        using var cms = cluster.Client();
        var used = (await PlaceholdersAsync(client, bridge.Id))[0];
        await cms.UpdateSpaceAsync(used.SpaceId, new SpaceChanges { Name = "Board meeting", NonMemberAccess = true, Passcode = "1234" }, Ct);
        var now = convene.Clock.GetUtcNow();
        await convene.DbAsync(db =>
        {
            var meeting = state == MeetingState.Booked
                ? StatusPollerTests.Booking(bridge.Id, "Board meeting", now.AddMinutes(7), now.AddMinutes(67), state, used.NumericId)
                : StatusPollerTests.Booking(bridge.Id, "Board meeting", now.AddMinutes(-5), now.AddMinutes(55), state, used.NumericId);
            meeting.HoldFromUtc = meeting.StartUtc.AddMinutes(-5);
            meeting.HoldUntilUtc = meeting.EndUtc.AddMinutes(5);
            db.Meetings.Add(meeting);
            return db.SaveChangesAsync(Ct);
        });

        await ProvisioningRecoveryTests.RunDriftCheckAsync(convene);

        var space = await cms.GetSpaceAsync(used.SpaceId, Ct);
        Assert.Equal(("Board meeting", true, "1234"), (space.Name, space.NonMemberAccess, space.Passcode));
        Assert.DoesNotContain(await TicketsAsync(client, bridge.Id), t => t.Type == TicketType.PlaceholderDrift);
    }

    private async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, HttpClient Client, BridgeDto Bridge)> StartProvisionedAsync(int count,
        Action<IDictionary<string, string?>>? settings = null)
    {
        var cluster = await StartClusterAsync(1);
        // These tests run the drift check themselves: the drift job's own run at start-up would race with them.
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            settings?.Invoke(s);
        });
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, count));
        await convene.ProvisioningIdleAsync(bridge.Id);
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
        return (cluster, convene, client, bridge);
    }

    private static async Task<List<PlaceholderDto>> PlaceholdersAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<PlaceholderDto>>($"/api/bridges/{bridgeId}/placeholders", Ct))!;

    private static async Task<List<TicketDto>> TicketsAsync(HttpClient client, Guid bridgeId) =>
        (await client.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridgeId}/tickets", Ct))!;
}

public sealed class PlaceholderDriftCheckTests_Sqlite() : PlaceholderDriftCheckTests(DatabaseKind.Sqlite, null);

public sealed class PlaceholderDriftCheckTests_Postgres(PostgresServer postgres) : PlaceholderDriftCheckTests(DatabaseKind.Postgres, postgres);
