using System.Globalization;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The base of the tests of running meetings with CDRs: the live tests' Convene (CDR receiver on Kestrel, the
/// cluster on Convene's fake clock) with placeholders provisioned and Quartz's firing off, so that each test runs the
/// transitions itself.</summary>
public abstract class RunningEditTest(DatabaseKind kind, PostgresServer? postgres) : Live.LiveTest(kind, postgres)
{
    /// <param name="requestTimeout">Convene's CMS request timeout, on the fake clock (a test that holds answers while
    /// it moves the clock on sets it long).</param>
    protected async Task StartWithPlaceholdersAsync(int nodes = 1, string requestTimeout = "00:00:15")
    {
        await StartAsync(nodes: nodes, settings: s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "false";
            s["Convene:Cms:RequestTimeout"] = requestTimeout;
        });
        await PutSettingsAsync(Admin, Bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await Convene.ProvisioningIdleAsync(Bridge.Id);
        await RegisterAsync();
    }

    /// <summary>Books (as rows) a meeting on the first placeholder opening now, and starts it.</summary>
    protected async Task<Meeting> RunningAsync(LaunchType launch, params string[] dialOuts)
    {
        var meeting = await Convene.DbAsync(async db =>
        {
            var p = (await db.Placeholders.Where(x => x.BridgeId == Bridge.Id).ToListAsync(Ct)).OrderBy(x => x.NumericId).First();
            var start = Convene.Clock.GetUtcNow().AddMinutes(5);
            var m = new Meeting
            {
                Id = Guid.NewGuid(), BridgeId = Bridge.Id, Title = "Board meeting", TimeZone = "UTC", OrganizerName = "alice",
                StartUtc = start, EndUtc = start.AddMinutes(30), StartLocal = start.UtcDateTime, EndLocal = start.AddMinutes(30).UtcDateTime,
                HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start.AddMinutes(30), PlaceholderId = p.Id, NumericId = p.NumericId,
                Launch = launch, Pin = "1234", Secret = "secret-chosen-at-booking", EarlyJoinMinutes = 5,
                Participants = dialOuts.Select(a => new MeetingParticipant { Id = Guid.NewGuid(), Address = a, DialOut = true, OwnerId = Guid.NewGuid() }).ToList(),
            };
            db.Meetings.Add(m);
            await db.SaveChangesAsync(Ct);
            return m;
        });
        await Convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
        var running = await StoredAsync(meeting.Id);
        Assert.Equal(MeetingState.Running, running.State);
        return running;
    }

    protected Task<Meeting> StoredAsync(Guid id) =>
        Convene.DbAsync(db => db.Meetings.AsNoTracking().Include(m => m.Participants).SingleAsync(m => m.Id == id, Ct));

    protected Task<string> SpaceIdAsync(Meeting meeting) =>
        Convene.DbAsync(db => db.Placeholders.Where(p => p.Id == meeting.PlaceholderId).Select(p => p.SpaceId).SingleAsync(Ct));

    /// <summary>The index in the cluster of the node that hosts the meeting's call.</summary>
    protected async Task<int> HostIndexAsync(Meeting meeting)
    {
        var name = await Convene.DbAsync(db => db.BridgeNodes.Where(n => n.Id == meeting.CallNodeId).Select(n => n.Name).SingleAsync(Ct));
        return Cluster.Nodes.ToList().FindIndex(n => n.Name == name);
    }

    /// <summary>PATCHes the meeting with its current ETag.</summary>
    protected async Task<HttpResponseMessage> PatchAsync(Guid id, object body)
    {
        using var read = await Admin.GetAsync($"/api/meetings/{id}", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/meetings/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        return await Admin.SendAsync(request, Ct);
    }

    /// <summary>Someone dials the meeting's numeric ID with its PIN on node <paramref name="node"/>; returns the leg id.</summary>
    protected async Task<string> DialInWithPinAsync(Meeting meeting, string caller, int node)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(Cluster.ControlUrl, $"sim/nodes/{Cluster.Nodes[node].Name}/dialIn"),
            new { callId = meeting.NumericId!.Value.ToString(CultureInfo.InvariantCulture), passcode = meeting.Pin, caller }, Ct);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("callLeg").GetString()!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds in the database, as CDRs arrive: read again at each event
    /// of Convene (a CDR counted on the <c>Convene.Live</c> meter among them), within <see cref="ConveneEvents.Bound"/>.</summary>
    protected Task UntilAsync(Func<Convene.Data.ConveneDb, Task<bool>> condition, string what) =>
        ConveneEvents.UntilAsync(Convene, () => Convene.DbAsync(condition), holds => holds, what);

    /// <summary>Per node, the requests received since <paramref name="before"/> was taken.</summary>
    protected async Task<List<CmsRequest>> SinceAsync(List<CmsRequest> before) =>
        (await RequestsAsync(Cluster)).GroupBy(r => r.Node).SelectMany(g => g.Skip(before.Count(b => b.Node == g.Key))).ToList();

    protected Task<List<CmsRequest>> SnapshotAsync() => RequestsAsync(Cluster);

    protected void Faults(int node, NodeFaults faults) => Cluster.SetFaults(Cluster.Nodes[node].Name, faults);
}
