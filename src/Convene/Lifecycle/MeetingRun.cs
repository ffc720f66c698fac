using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Convene.Placeholders;

namespace Convene.Lifecycle;

/// <summary>
/// One transition of one meeting in progress: the tracked meeting, its bridge and placeholder, and every CMS
/// request sent for it, each recorded as a <see cref="MeetingEvent"/> (node, method, path, status, latency)
/// and bounded by the per-node concurrency of <see cref="NodeGates"/>.
/// </summary>
internal sealed class MeetingRun(ConveneDb db, Meeting meeting, Bridge bridge, Placeholder? placeholder, BridgeConnections connections,
    NodeGates gates, TimeProvider time)
{
    public ConveneDb Db => db;

    public Meeting Meeting => meeting;

    public Bridge Bridge => bridge;

    public Placeholder? Placeholder => placeholder;

    public TimeProvider Time => time;

    /// <summary>CMS requests sent in this run.</summary>
    public int Requests { get; private set; }

    public BridgeNode? Node(Guid? id) => bridge.Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>Nodes to try for new work: reachable ones in the bridge's failover order, then the rest.</summary>
    public IEnumerable<BridgeNode> Candidates(Guid? except = null) => BridgeConnections.FailoverOrder(bridge)
        .Where(n => n.Id != except)
        .OrderByDescending(n => n.Reachable != false);

    /// <summary>
    /// Nodes to send a request on shared cluster data to (a space: any node's API writes the cluster's one database,
    /// reference/cms-api.md §3.1): the reachable node with the most free request slots in <see cref="NodeGates"/> first,
    /// <paramref name="first"/> (or the failover order) winning a tie, so a quiet bridge sees a meeting's requests on one
    /// node while a storm's space updates go to the nodes that are not busy hosting calls; then the others in failover order.
    /// </summary>
    public IEnumerable<BridgeNode> SharedDataNodes(Guid? first)
    {
        var order = (Node(first) is { } preferred && preferred.Reachable != false ? Candidates(first).Prepend(preferred) : Candidates()).ToList();
        // OrderByDescending is stable: among nodes equally free the earlier in the order leads.
        var lead = order.Where(n => n.Reachable != false).OrderByDescending(n => gates.Free(n.Id)).FirstOrDefault();
        return lead is null ? order : order.Where(n => n != lead).Prepend(lead);
    }

    /// <summary>Sends one request to a node and records it; a CMS failure is recorded and thrown.</summary>
    public async Task<T> SendAsync<T>(BridgeNode node, string method, string path, Func<CmsClient, Task<T>> request, CancellationToken ct)
    {
        var gate = gates.For(node.Id);
        await gate.WaitAsync(ct);
        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            var client = connections.Client(bridge, node);
            var result = await request(client);
            status = 200;
            return result;
        }
        catch (CmsApiException e)
        {
            status = e.Status is { } s ? (int)s : null;
            throw;
        }
        finally
        {
            gate.Release();
            Requests++;
            var latency = time.GetElapsedTime(started).TotalMilliseconds;
            Event(MeetingEventKind.CmsRequest, $"{method} {path} → {(status is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}",
                node.Name, method, path, status, latency);
        }
    }

    public Task SendAsync(BridgeNode node, string method, string path, Func<CmsClient, Task> request, CancellationToken ct) =>
        SendAsync(node, method, path, async c =>
        {
            await request(c);
            return true;
        }, ct);

    /// <summary>Adds a timeline row (saved with the next save).</summary>
    public void Event(MeetingEventKind kind, string text, string? node = null, string? method = null, string? path = null, int? status = null,
        double? latency = null, Guid? participant = null)
    {
        lock (db)
        {
            db.MeetingEvents.Add(new MeetingEvent
            {
                MeetingId = meeting.Id, TimeUtc = time.GetUtcNow(), Kind = kind, Text = text.Length > 2000 ? text[..2000] : text,
                Node = node, Method = method, Path = path, Status = status, LatencyMs = latency, ParticipantId = participant,
            });
        }
    }

    public void Transition(string text) => Event(MeetingEventKind.Transition, text);

    /// <summary>Saves the meeting (its version moves on) with the rows added so far. Throws
    /// <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/> when someone else changed it.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        meeting.Version++;
        await db.SaveChangesAsync(ct);
    }

    public static string SpacePath(string id) => $"/api/v1/coSpaces/{id}";

    public static string CallPath(string id) => $"/api/v1/calls/{id}";
}
