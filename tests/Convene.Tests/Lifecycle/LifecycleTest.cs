using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Convene.Placeholders;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The base of the lifecycle tests: a simulated cluster with placeholders, Convene with Quartz's firing off
/// (the tests run the due transitions themselves on the fake clock), and meetings inserted as rows.</summary>
public abstract class LifecycleTest(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    protected async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, HttpClient Client, BridgeDto Bridge)> StartWithPlaceholdersAsync(int nodes = 1)
    {
        var cluster = nodes == 1 ? await StartClusterAsync(1) : await StartSharedPasswordClusterAsync(nodes);
        var convene = await StartConveneAsync(s => s["Convene:Lifecycle:SchedulerEnabled"] = "false");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        return (cluster, convene, client, bridge);
    }

    /// <summary>Inserts a booked meeting on the bridge's first placeholder, opening <paramref name="startIn"/> from now.</summary>
    protected static Task<Meeting> BookAsync(ConveneFactory convene, Guid bridgeId, TimeSpan startIn, TimeSpan length, LaunchType launch = LaunchType.Automatic,
        string[]? dialOuts = null, int placeholder = 0) => convene.DbAsync(async db =>
    {
        var p = (await db.Placeholders.Where(x => x.BridgeId == bridgeId).ToListAsync(Ct)).OrderBy(x => x.NumericId).ElementAt(placeholder);
        var start = convene.Clock.GetUtcNow() + startIn;
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), BridgeId = bridgeId, Title = "Board meeting", TimeZone = "UTC", OrganizerName = "alice",
            StartUtc = start, EndUtc = start + length, StartLocal = start.UtcDateTime, EndLocal = (start + length).UtcDateTime,
            HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start + length, PlaceholderId = p.Id, NumericId = p.NumericId,
            Launch = launch, Pin = "1234", Secret = "secret-chosen-at-booking", EarlyJoinMinutes = 5,
            Participants = (dialOuts ?? []).Select(a => new MeetingParticipant { Id = Guid.NewGuid(), Address = a, DialOut = true, OwnerId = Guid.NewGuid() }).ToList(),
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(Ct);
        return meeting;
    });

    protected static Task<Meeting> MeetingAsync(ConveneFactory convene, Guid id) =>
        convene.DbAsync(db => db.Meetings.AsNoTracking().Include(m => m.Participants).SingleAsync(m => m.Id == id, Ct));

    protected static Task<Placeholder> PlaceholderAsync(ConveneFactory convene, Guid id) =>
        convene.DbAsync(db => db.Placeholders.AsNoTracking().SingleAsync(p => p.Id == id, Ct));

    /// <summary>Moves the fake clock to <paramref name="at"/> and runs what is due there.</summary>
    protected static async Task RunAtAsync(ConveneFactory convene, DateTimeOffset at)
    {
        if (at > convene.Clock.GetUtcNow())
        {
            convene.Clock.AdjustTime(at);
        }
        await convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
    }

    /// <summary>The requests the cluster received after the first <paramref name="skip"/>, as lines.</summary>
    protected static async Task<List<string>> LinesAfterAsync(CmsSimulatorHost cluster, int skip) =>
        (await RequestsAsync(cluster)).Skip(skip).Select(r => r.Line).ToList();
}
