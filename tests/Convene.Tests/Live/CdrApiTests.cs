using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>The CDR receiver endpoint: what it refuses (without touching any meeting), and resent records dropped.</summary>
public abstract class CdrApiTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Theory(Timeout = 60_000)]
    [InlineData("not-xml", HttpStatusCode.BadRequest)]
    [InlineData("oversized", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("bad-token", HttpStatusCode.Forbidden)]
    [InlineData("unknown-bridge", HttpStatusCode.Forbidden)]
    [InlineData("unknown-node", HttpStatusCode.Forbidden)]
    [InlineData("not-records", HttpStatusCode.BadRequest)]
    public async Task CdrPost_Refused_AnswersTheErrorAndLeavesMeetingsAlone(string what, HttpStatusCode status)
    {
        await StartAsync(settings: s => s["Convene:Cdr:MaxBatchBytes"] = "4096");
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, callId) = await RunningMeetingAsync(participants: alice);
        var leg = await DialAsLifecycleAsync(callId, alice);
        await ConnectAsync(alice.Id);
        var events = (await EventsAsync(meeting.Id)).Count;
        var seen = await Convene.DbAsync(db => db.CdrRecordsSeen.CountAsync(Ct));
        var token = await TokenAsync();
        var lobby = Batch(Guid.NewGuid().ToString(), Cluster.Nodes[0].CallBridgeId, 1, leg, deactivated: true);

        var (path, body) = what switch
        {
            "not-xml" => ($"/api/cdr/{Bridge.Id}/{token}", "<records session=\"x\"><record"),
            "oversized" => ($"/api/cdr/{Bridge.Id}/{token}", lobby.Replace("<callLeg ", new string(' ', 5000) + "<callLeg ", StringComparison.Ordinal)),
            "bad-token" => ($"/api/cdr/{Bridge.Id}/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}", lobby),
            "unknown-bridge" => ($"/api/cdr/{Guid.NewGuid()}/{token}", lobby),
            "unknown-node" => ($"/api/cdr/{Bridge.Id}/{token}", Batch(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), 1, leg, deactivated: true)),
            _ => ($"/api/cdr/{Bridge.Id}/{token}", "<?xml version=\"1.0\"?><calls session=\"s\"/>"),
        };
        var refused = new List<string?>();
        using var listener = Listen("convene.live.cdr_batches", tags =>
        {
            lock (refused)
            {
                if (Equals(tags["outcome"], "refused"))
                {
                    refused.Add(tags["reason"] as string);
                }
            }
        });
        using var response = await PostAsync(path, body);

        Assert.Equal(status, response.StatusCode);
        lock (refused)
        {
            Assert.Single(refused);
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await ParticipantAsync(alice.Id);
        Assert.Equal((ParticipantState.Connected, false), (after.State, after.InLobby));
        Assert.Equal(events, (await EventsAsync(meeting.Id)).Count);
        Assert.Equal(seen, await Convene.DbAsync(db => db.CdrRecordsSeen.CountAsync(Ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task CdrPost_ResentRecord_IsDroppedAndChangesNothing()
    {
        await StartAsync();
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (_, callId) = await RunningMeetingAsync(participants: alice);
        var leg = await DialAsLifecycleAsync(callId, alice);
        await ConnectAsync(alice.Id);
        var token = await TokenAsync();
        var session = Guid.NewGuid().ToString();
        var node = Cluster.Nodes[0].CallBridgeId;
        var path = $"/api/cdr/{Bridge.Id}/{token}";

        using (var first = await PostAsync(path, Batch(session, node, 900_001, leg, deactivated: true)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        Assert.True((await ParticipantAsync(alice.Id)).InLobby);
        using (var second = await PostAsync(path, Batch(session, node, 900_002, leg, deactivated: false)))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }
        using var resent = await PostAsync(path, Batch(session, node, 900_001, leg, deactivated: true));

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.False((await ParticipantAsync(alice.Id)).InLobby);
    }

    /// <summary>Counts the measurements of <paramref name="instrument"/> of this test's Convene (its meter factory).</summary>
    private MeterListener Listen(string instrument, Action<Dictionary<string, object?>> measured)
    {
        var factory = Convene.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                values[tag.Key] = tag.Value;
            }
            measured(values);
        });
        listener.Start();
        return listener;
    }

    private Task<string> TokenAsync() => Convene.DbAsync(db => db.CdrReceiverTokens.Where(t => t.BridgeId == Bridge.Id).Select(t => t.Token).SingleAsync(Ct));

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        using var http = new HttpClient { BaseAddress = Convene.Address };
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        return await http.PostAsync(path, content, Ct);
    }

    /// <summary>A batch of one <c>callLegUpdate</c> as CMS writes it (CDR guide §4.5).</summary>
    private static string Batch(string session, string callBridge, long index, string leg, bool deactivated) =>
        $"""<?xml version="1.0"?><records session="{session}" callBridge="{callBridge}"><record type="callLegUpdate" time="2026-11-25T09:00:05Z" recordIndex="{index}" correlatorIndex="{index}"><callLeg id="{leg}"><state>connected</state><deactivated>{(deactivated ? "true" : "false")}</deactivated></callLeg></record></records>""";
}

public sealed class CdrApiTests_Sqlite() : CdrApiTests(DatabaseKind.Sqlite, null);

public sealed class CdrApiTests_Postgres(PostgresServer postgres) : CdrApiTests(DatabaseKind.Postgres, postgres);
