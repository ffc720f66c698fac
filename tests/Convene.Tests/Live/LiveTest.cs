extern alias convene;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Data;
using Convene.Live;
using Convene.Meetings;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>
/// The base of the live-state tests: Convene on Kestrel at a port chosen first, so that its CDR receiver address
/// (<c>Convene:Cdr:ReceiverBaseUrl</c>) is known before it starts; a simulated cluster on Convene's own fake clock
/// (dial-outs ring and connect when the test moves time on) added as a bridge; and running meetings made as the
/// lifecycle makes them: a space opened, a call started on a node, rows inserted. Quartz is off, so no periodic job
/// runs by itself: tests run each piece (registration, retries, polling) when they mean to.
/// </summary>
public abstract class LiveTest(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    protected ConveneFactory Convene { get; private set; } = null!;

    protected CmsSimulatorHost Cluster { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    protected BridgeDto Bridge { get; private set; } = null!;

    /// <summary>Convene with a receiver address (unless <paramref name="receiver"/> is false), a cluster on its clock,
    /// and the cluster added as a bridge.</summary>
    protected async Task StartAsync(bool receiver = true, int nodes = 1, Action<CmsSimulatorOptions>? cluster = null,
        Action<IDictionary<string, string?>>? settings = null)
    {
        var database = await NewDatabaseAsync();
        // The receiver's address is configuration, so the port is chosen before Kestrel binds it; another process can
        // take it in between (an outgoing connection's ephemeral port, on a busy machine): then another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var factory = new ConveneFactory(database, values =>
            {
                values["Convene:Lifecycle:SchedulerEnabled"] = "false";
                values["Convene:Live:RetryDelay"] = "00:00:30";
                if (receiver)
                {
                    values["Convene:Cdr:ReceiverBaseUrl"] = $"http://127.0.0.1:{port}";
                }
                settings?.Invoke(values);
            });
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            try
            {
                factory.StartServer();
                Convene = Own(factory);
                break;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                await factory.DisposeAsync();
            }
        }
        Cluster = Own(await CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = nodes;
            o.Password = "one-password-for-every-node";
            cluster?.Invoke(o);
        }, Convene.Clock, Ct));
        Admin = Convene.Client();
        Bridge = await AddBridgeAsync(Admin, Cluster);
    }

    /// <summary>Runs a piece of the live work in a scope, as the timer would.</summary>
    protected async Task<T> LiveAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Convene.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected Task RegisterAsync() => LiveAsync(async s =>
    {
        await s.GetRequiredService<CdrRegistration>().RunAsync(changedOnly: false, Ct);
        return true;
    });

    protected Task<int> RetriesAsync() => LiveAsync(s => s.GetRequiredService<DialOutRetries>().RunAsync(Ct));

    protected Task<int> PollAsync() => LiveAsync(s => s.GetRequiredService<LivePolling>().RunAsync(Ct));

    /// <summary>A running meeting on node <paramref name="node"/>: a space opened to everyone, a call started, and the
    /// meeting with its participants stored as the lifecycle stores them. Returns the meeting and the call's id.</summary>
    protected async Task<(Meeting Meeting, string CallId)> RunningMeetingAsync(LaunchType launch = LaunchType.Automatic, int node = 0,
        Guid? organizer = null, params MeetingParticipant[] participants)
    {
        using var cms = Cluster.Client(node);
        var number = Interlocked.Increment(ref _spaces).ToString(CultureInfo.InvariantCulture);
        var space = await cms.CreateSpaceAsync(new SpaceChanges { Name = "Live " + number, Uri = "live" + number, CallId = "7700" + number, NonMemberAccess = true }, Ct);
        var callId = await cms.CreateCallAsync(space, cancellationToken: Ct);
        var nodeId = await Convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == Bridge.Id && n.Name == Cluster.Nodes[node].Name).Select(n => n.Id).SingleAsync(Ct));
        var now = Convene.Clock.GetUtcNow();
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            BridgeId = Bridge.Id,
            Title = "Live " + number,
            TimeZone = "Europe/Oslo",
            StartUtc = now,
            EndUtc = now.AddHours(1),
            HoldFromUtc = now.AddMinutes(-5),
            HoldUntilUtc = now.AddHours(1),
            Launch = launch,
            State = MeetingState.Running,
            CallId = callId,
            CallNodeId = nodeId,
            OrganizerId = organizer,
            NumericId = long.Parse("7700" + number, CultureInfo.InvariantCulture),
        };
        foreach (var p in participants)
        {
            p.MeetingId = meeting.Id;
            meeting.Participants.Add(p);
        }
        await Convene.DbAsync(db =>
        {
            db.Meetings.Add(meeting);
            return db.SaveChangesAsync(Ct);
        });
        return (meeting, callId);
    }

    /// <summary>A dial-out participant, not yet dialled.</summary>
    protected static MeetingParticipant DialOut(string address, string? name = null) =>
        new() { Id = Guid.NewGuid(), Address = address, Name = name, DialOut = true, OwnerId = Guid.NewGuid() };

    /// <summary>Dials <paramref name="participant"/> as the lifecycle does at start: with its owner id, attempt 1.</summary>
    protected async Task<string> DialAsLifecycleAsync(string callId, MeetingParticipant participant, int node = 0, CallLegChanges? overrides = null)
    {
        using var cms = Cluster.Client(node);
        var leg = await cms.DialOutAsync(callId, new Cms.DialOut(participant.Address!) { OwnerId = participant.OwnerId.ToString("D"), Overrides = overrides }, Ct);
        await Convene.DbAsync(async db =>
        {
            var row = await db.MeetingParticipants.SingleAsync(p => p.Id == participant.Id, Ct);
            row.CallLegId = leg;
            row.Attempts = 1;
            if (row.State == ParticipantState.Waiting)
            {
                row.State = ParticipantState.Dialling;
            }
            return await db.SaveChangesAsync(Ct);
        });
        return leg;
    }

    protected Task<MeetingParticipant> ParticipantAsync(Guid id) =>
        Convene.DbAsync(db => db.MeetingParticipants.AsNoTracking().SingleAsync(p => p.Id == id, Ct));

    protected Task<List<MeetingEvent>> EventsAsync(Guid meetingId) =>
        Convene.DbAsync(db => db.MeetingEvents.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Id).ToListAsync(Ct));

    /// <summary>Waits (bounded) until the participant satisfies <paramref name="condition"/>, read again as each CDR
    /// batch is stored (<see cref="ConveneEvents"/>).</summary>
    protected Task<MeetingParticipant> WhenAsync(Guid participantId, Func<MeetingParticipant, bool> condition, string what) =>
        ConveneEvents.UntilAsync(Convene, () => ParticipantAsync(participantId), condition, $"the participant {what}");

    /// <summary>Waits (bounded) until <paramref name="read"/> gives a value that <paramref name="holds"/>, read again at
    /// each event of Convene (<see cref="ConveneEvents"/>).</summary>
    protected Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what) => ConveneEvents.UntilAsync(Convene, read, holds, what);

    /// <summary>Moves time on as a dialled far end rings (300 ms) and answers (1.5 s), waiting for each CDR.</summary>
    protected async Task ConnectAsync(Guid participantId)
    {
        Advance(TimeSpan.FromMilliseconds(300));
        await WhenAsync(participantId, p => p.State == ParticipantState.Ringing, "Ringing");
        Advance(TimeSpan.FromMilliseconds(1500));
        await WhenAsync(participantId, p => p.State == ParticipantState.Connected, "Connected");
    }

    /// <summary>Moves both clocks (Convene's and the simulator's media) on.</summary>
    protected void Advance(TimeSpan by) => Convene.Clock.Advance(by);

    /// <summary>Every dial-out POST the cluster received for <paramref name="callId"/>.</summary>
    protected async Task<int> DialOutsAsync(string callId) =>
        (await RequestsAsync(Cluster)).Count(r => r.Line == $"POST /api/v1/calls/{callId}/callLegs");

    /// <summary>Someone dials the meeting's call ID on the node; returns the new leg's id.</summary>
    protected async Task<string> DialInAsync(Meeting meeting, string caller, int node = 0)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(Cluster.ControlUrl, $"sim/nodes/{Cluster.Nodes[node].Name}/dialIn"),
            new { callId = meeting.NumericId!.Value.ToString(CultureInfo.InvariantCulture), caller }, Ct);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("callLeg").GetString()!;
    }

    /// <summary>The far end hangs up.</summary>
    protected async Task HangUpAsync(string legId, int node = 0)
    {
        using var http = new HttpClient();
        using var response = await http.DeleteAsync(new Uri(Cluster.ControlUrl, $"sim/nodes/{Cluster.Nodes[node].Name}/callLegs/{legId}"), Ct);
        Assert.True(response.IsSuccessStatusCode, $"hang-up answered {(int)response.StatusCode}");
    }

    private static int _spaces;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
