using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The organizer as the space's <c>ownerJid</c> (<c>Convene:Meetings:OwnerJid</c>) and the participant's name
/// as the dial-out's <c>nameLabelOverride</c>, asserted on the simulator's trace.</summary>
public abstract class LifecycleOwnerTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    private async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, BridgeDto Bridge)> StartMappedAsync(params string[] users)
    {
        var cluster = await StartClusterAsync(1, o => o.Users = [.. users]);
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            s["Convene:Meetings:OwnerJid"] = "{userName}@example.com";
        });
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        return (cluster, convene, bridge);
    }

    /// <summary>A traced form body as name → value, decoded.</summary>
    private static Dictionary<string, string> Form(string? body) => (body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length < 2 ? "" : Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);

    [Fact(Timeout = 120_000)]
    public async Task Start_WithOwnerMapping_SendsTheOrganizersJidAndTheEndClearsIt()
    {
        var (cluster, convene, bridge) = await StartMappedAsync("alice@example.com");
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]);
        var space = await PlaceholderAsync(convene, booked.PlaceholderId!.Value);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        var running = await MeetingAsync(convene, booked.Id);
        var start = (await RequestsAsync(cluster)).Skip(before).ToList();
        Assert.Equal([$"GET /api/v1/calls?coSpaceFilter={space.SpaceId}&offset=0&limit=50", $"PUT /api/v1/coSpaces/{space.SpaceId}", "POST /api/v1/calls",
            $"POST /api/v1/calls/{running.CallId}/callLegs"], start.Select(r => r.Line));
        Assert.Equal("alice@example.com", Form(start[1].Body)["ownerJid"]);
        using var cms = cluster.Client();
        Assert.Equal("alice@example.com", (await cms.GetSpaceAsync(space.SpaceId, Ct)).OwnerJid);

        var afterStart = (await RequestsAsync(cluster)).Count;
        await RunAtAsync(convene, booked.EndUtc);

        var end = (await RequestsAsync(cluster)).Skip(afterStart).ToList();
        Assert.Equal([$"PUT /api/v1/coSpaces/{space.SpaceId}", $"DELETE /api/v1/calls/{running.CallId}"], end.Select(r => r.Line));
        Assert.Equal("", Form(end[0].Body)["ownerJid"]);
        Assert.Null((await cms.GetSpaceAsync(space.SpaceId, Ct)).OwnerJid);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_OrganizerNotAUserOfTheBridge_OpensWithoutAnOwnerAndSaysWhy()
    {
        var (cluster, convene, bridge) = await StartMappedAsync("carol@example.com");
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        var space = await PlaceholderAsync(convene, booked.PlaceholderId!.Value);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        var start = (await RequestsAsync(cluster)).Skip(before).ToList();
        Assert.Equal([$"GET /api/v1/calls?coSpaceFilter={space.SpaceId}&offset=0&limit=50", $"PUT /api/v1/coSpaces/{space.SpaceId}", $"PUT /api/v1/coSpaces/{space.SpaceId}",
            "POST /api/v1/calls"], start.Select(r => r.Line));
        Assert.Equal("alice@example.com", Form(start[1].Body)["ownerJid"]);
        Assert.False(Form(start[2].Body).ContainsKey("ownerJid"));
        Assert.Equal("true", Form(start[2].Body)["nonMemberAccess"]);
        using var cms = cluster.Client();
        var opened = await cms.GetSpaceAsync(space.SpaceId, Ct);
        Assert.True(opened.NonMemberAccess);
        Assert.Null(opened.OwnerJid);
        var timeline = await convene.DbAsync(db => db.MeetingEvents.Where(e => e.MeetingId == booked.Id).Select(e => e.Text).ToListAsync(Ct));
        Assert.Contains(timeline, t => t.Contains("alice@example.com is not a user of the bridge (userDoesNotExist)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_WithoutOwnerMapping_SendsNoOwnerJid()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), LaunchType.Manual);
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        var put = (await RequestsAsync(cluster)).Skip(before).Single(r => r.Line.StartsWith("PUT", StringComparison.Ordinal));
        Assert.False(Form(put.Body).ContainsKey("ownerJid"));
        Assert.Equal("alice", Form(put.Body)["meetingScheduler"]);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("example.com", "exactly once")]
    [InlineData("{userName}@{domain}", "no placeholder but")]
    [InlineData("{userName}.example.com", "must make a JID")]
    [InlineData("{userName}@", "must make a JID")]
    public async Task Startup_BadOwnerJidFormat_FailsNamingTheSetting(string format, string why)
    {
        var database = await NewDatabaseAsync();

        var error = Assert.ThrowsAny<Exception>(() => StartConvene(database, s => s["Convene:Meetings:OwnerJid"] = format));

        Assert.Contains("Convene:Meetings:OwnerJid", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(why, error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_ParticipantWithAName_DialsWithItAsTheNameLabel()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com", "room@example.com"]);
        await convene.DbAsync(db => db.MeetingParticipants.Where(p => p.MeetingId == booked.Id && p.Address == "bob@example.com")
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Bob Smith"), Ct));
        var before = (await RequestsAsync(cluster)).Count;

        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));

        var running = await MeetingAsync(convene, booked.Id);
        var dials = (await RequestsAsync(cluster)).Skip(before).Where(r => r.Line == $"POST /api/v1/calls/{running.CallId}/callLegs").Select(r => Form(r.Body)).ToList();
        Assert.Equal(2, dials.Count);
        var bob = Assert.Single(dials, d => d["remoteParty"] == "bob@example.com");
        Assert.Equal("Bob Smith", bob["nameLabelOverride"]);
        Assert.False(Assert.Single(dials, d => d["remoteParty"] == "room@example.com").ContainsKey("nameLabelOverride"));
        using var cms = cluster.Client();
        var leg = await cms.GetCallLegAsync(running.Participants.Single(p => p.Address == "bob@example.com").CallLegId!, Ct);
        Assert.Equal("Bob Smith", leg.Configuration?.NameLabelOverride);
    }
}

public sealed class LifecycleOwnerTests_Sqlite() : LifecycleOwnerTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleOwnerTests_Postgres(PostgresServer postgres) : LifecycleOwnerTests(DatabaseKind.Postgres, postgres);
