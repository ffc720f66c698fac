using Convene.Cms;
using Convene.Cms.Simulator;

namespace Convene.Tests.Lifecycle;

/// <summary>A meeting of the storm as booked: its id, the space of its placeholder and its dial-out addresses.</summary>
public sealed record StormMeeting(Guid Id, long NumericId, string SpaceId, IReadOnlyList<string> DialOuts);

/// <summary>The exactly-once checks of the cluster storm, read from the simulator's trace and then from the bridge itself.</summary>
public static class ExactlyOnce
{
    private const string Calls = "/api/v1/calls";

    /// <summary>Each meeting's space opened by one PUT and reverted by one PUT, its call created once and deleted once on
    /// the node that made it, each dial-out dialled once into that call; nothing else created or deleted. With
    /// <paramref name="killed"/> (a process died mid-storm) a start it had begun may PUT the same opening again when it is
    /// finished: the dead process's PUT may or may not have been applied, and only an identical PUT is allowed. Returns
    /// how many opening PUTs were repeated.</summary>
    public static int AssertTrace(IReadOnlyList<TracedRequest> requests, IReadOnlyList<StormMeeting> meetings, bool killed = false)
    {
        var repeated = 0;
        var failures = new List<string>();
        var callPosts = requests.Where(r => r.Method == "POST" && r.Path == Calls).ToList();
        var callDeletes = requests.Where(r => r.Method == "DELETE" && r.Path.StartsWith(Calls + "/", StringComparison.Ordinal)).ToList();
        var dialOuts = requests.Where(r => r.Method == "POST" && r.Path.StartsWith(Calls + "/", StringComparison.Ordinal) && r.Path.EndsWith("/callLegs", StringComparison.Ordinal)).ToList();
        foreach (var meeting in meetings)
        {
            var puts = requests.Where(r => r.Method == "PUT" && r.Path == $"/api/v1/coSpaces/{meeting.SpaceId}").ToList();
            var opens = puts.Where(r => r.Param("nonMemberAccess") == "true").ToList();
            var reverts = puts.Where(r => r.Param("nonMemberAccess") == "false" && r.Param("regenerateSecret") == "true").ToList();
            if (killed && opens.Count > 1 && opens.All(o => o.Body == opens[0].Body) && reverts.Count == 1 && puts.Count == opens.Count + 1)
            {
                repeated += opens.Count - 1;
            }
            else if (puts.Count != 2 || opens.Count != 1 || reverts.Count != 1)
            {
                failures.Add($"Meeting {meeting.NumericId}: {puts.Count} PUTs of its space, {opens.Count} opening, {reverts.Count} reverting: {Show(puts)}");
            }
            var posts = callPosts.Where(r => r.Param("coSpace") == meeting.SpaceId).ToList();
            if (posts is not [{ Status: 200, CreatedId: { } callId } post])
            {
                failures.Add($"Meeting {meeting.NumericId}: {posts.Count} call POSTs: {Show(posts)}");
                continue;
            }
            var deletes = callDeletes.Where(r => r.Path == $"{Calls}/{callId}").ToList();
            if (deletes is not [{ Status: 200 } delete] || delete.Node != post.Node)
            {
                failures.Add($"Meeting {meeting.NumericId}: call {callId} made on {post.Node}, deleted by {Show(deletes)}");
            }
            var legs = dialOuts.Where(r => r.Path == $"{Calls}/{callId}/callLegs").ToList();
            var dialled = legs.Select(r => r.Param("remoteParty")).Order(StringComparer.Ordinal).ToList();
            if (!dialled.SequenceEqual(meeting.DialOuts.Order(StringComparer.Ordinal)) || legs.Any(r => r.Status != 200 || r.Node != post.Node))
            {
                failures.Add($"Meeting {meeting.NumericId}: dialled {Show(legs)}, expected {string.Join(", ", meeting.DialOuts)} once each on {post.Node}");
            }
        }
        var expected = meetings.Count;
        if (callPosts.Count != expected || callDeletes.Count != expected || dialOuts.Count != meetings.Sum(m => m.DialOuts.Count))
        {
            failures.Add($"In all: {callPosts.Count} call POSTs, {callDeletes.Count} call DELETEs, {dialOuts.Count} dial-outs for {expected} meetings " +
                $"with {meetings.Sum(m => m.DialOuts.Count)} dial-outs");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} exactly-once failures:\n{string.Join('\n', failures.Take(20))}");
        return repeated;
    }

    /// <summary>As the bridge shows it now: every meeting's space closed (no <c>nonMemberAccess</c>, no passcode) and no call
    /// on any node.</summary>
    public static async Task AssertBridgeClean(CmsSimulatorHost cluster, IReadOnlyList<StormMeeting> meetings, CancellationToken ct)
    {
        using var cms = cluster.Client();
        var open = new List<string>();
        foreach (var meeting in meetings)
        {
            var space = await cms.GetSpaceAsync(meeting.SpaceId, ct);
            if (space.NonMemberAccess == true || !string.IsNullOrEmpty(space.Passcode))
            {
                open.Add($"{meeting.NumericId} ({space.Name}, nonMemberAccess {space.NonMemberAccess}, passcode set {!string.IsNullOrEmpty(space.Passcode)})");
            }
        }
        Assert.True(open.Count == 0, $"Spaces left open: {string.Join(", ", open)}");
        for (var node = 0; node < cluster.Nodes.Count; node++)
        {
            using var client = cluster.Client(node);
            var calls = await client.ListCallsAsync(cancellationToken: ct).ToListAsync(ct);
            Assert.True(calls.Count == 0, $"{cluster.Nodes[node].Name} still has {calls.Count} calls: {string.Join(", ", calls.Select(c => c.Name))}");
        }
    }

    private static string Show(IEnumerable<TracedRequest> requests) => string.Join(" | ", requests);
}
