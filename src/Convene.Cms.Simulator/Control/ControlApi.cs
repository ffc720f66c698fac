using Convene.Cms.Simulator.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Cms.Simulator.Control;

/// <summary>
/// The simulator's own API under <c>/sim</c>, for tests and people: node list with credentials, node
/// down/up, fault injection, a far end that dials in or hangs up, the directory, and the API trace.
/// It is not part of CMS; it answers JSON and listens on loopback only.
/// </summary>
internal static class ControlApi
{
    public static void MapControlApi(this IEndpointRouteBuilder endpoints)
    {
        var sim = endpoints.MapGroup("/sim");
        sim.MapGet("/nodes", (SimCluster cluster) => cluster.Nodes.Select(Describe));
        sim.MapPost("/nodes/{name}/down", async Task<Results<NoContent, NotFound<string>>> (string name, SimCluster cluster) =>
        {
            if (cluster.FindNode(name) is not { } node)
            {
                return UnknownNode(name);
            }
            await cluster.StopNodeAsync(node).ConfigureAwait(false);
            return TypedResults.NoContent();
        });
        sim.MapPost("/nodes/{name}/up", async Task<Results<NoContent, NotFound<string>>> (string name, SimCluster cluster, CancellationToken cancellationToken) =>
        {
            if (cluster.FindNode(name) is not { } node)
            {
                return UnknownNode(name);
            }
            await cluster.StartNodeAsync(node, cancellationToken).ConfigureAwait(false);
            return TypedResults.NoContent();
        });
        sim.MapGet("/nodes/{name}/faults", Results<Ok<NodeFaults>, NotFound<string>> (string name, SimCluster cluster) =>
            cluster.FindNode(name) is { } node ? TypedResults.Ok(node.Faults) : UnknownNode(name));
        sim.MapPut("/nodes/{name}/faults", Results<Ok<NodeFaults>, NotFound<string>, BadRequest<string>> (string name, NodeFaults faults, SimCluster cluster) =>
        {
            if (cluster.FindNode(name) is not { } node)
            {
                return UnknownNode(name);
            }
            if (faults.BusyShare is < 0 or > 1 || faults.Latency < TimeSpan.Zero || faults.AnswerLatency < TimeSpan.Zero)
            {
                return TypedResults.BadRequest("busyShare must be between 0 and 1 and latency must not be negative.");
            }
            node.Faults = faults.Clone();
            return TypedResults.Ok(node.Faults);
        });
        sim.MapPost("/nodes/{name}/dialIn", Results<Ok<DialInAnswer>, NotFound<string>, BadRequest<string>, JsonHttpResult<DialInAnswer>> (string name, DialInRequest request, SimCluster cluster) =>
        {
            if (cluster.FindNode(name) is not { IsUp: true } node)
            {
                return TypedResults.NotFound($"No node named '{name}' is up.");
            }
            if (string.IsNullOrWhiteSpace(request.Uri) == string.IsNullOrWhiteSpace(request.CallId))
            {
                return TypedResults.BadRequest("Give exactly one of uri and callId.");
            }
            lock (cluster.Gate)
            {
                var result = cluster.Media.DialIn(node, request.Uri, request.CallId, request.Passcode, request.Caller ?? "guest@sim.invalid");
                return result.RefusedBecause is { } reason
                    ? TypedResults.Json(new DialInAnswer(reason, null, null, null), statusCode: reason == "unknownDestination" ? 404 : 403)
                    : TypedResults.Ok(new DialInAnswer(null, result.Call!.Id, result.Leg!.Id, result.Leg.Participant.Id));
            }
        });
        sim.MapDelete("/nodes/{name}/callLegs/{id}", Results<NoContent, NotFound<string>> (string name, string id, SimCluster cluster) =>
        {
            lock (cluster.Gate)
            {
                if (cluster.FindNode(name)?.Legs.GetValueOrDefault(id.ToLowerInvariant()) is not { } leg)
                {
                    return TypedResults.NotFound($"Node '{name}' has no call leg {id}.");
                }
                cluster.Media.EndLeg(leg, "remoteTeardown", remoteTeardown: true);
                return TypedResults.NoContent();
            }
        });
        sim.MapGet("/nodes/{name}/trace", Results<ContentHttpResult, NotFound<string>> (string name, SimCluster cluster, long after = 0, int max = 1000) =>
        {
            if (cluster.FindNode(name) is not { } node)
            {
                return UnknownNode(name);
            }
            var lines = node.Trace.Since(after, Math.Clamp(max, 1, 100_000));
            var text = string.Concat(lines.Select(l => $"{l.Seq}\t{l.Text}\n"));
            return TypedResults.Text(text, "text/plain");
        });
        sim.MapGet("/directory", (SimCluster cluster) => cluster.Options.Directory);
        sim.MapPut("/directory/{address}", (string address, DialOutcome outcome, SimCluster cluster) =>
        {
            lock (cluster.Gate)
            {
                cluster.Options.Directory[address] = outcome;
            }
            return TypedResults.NoContent();
        });
        sim.MapPut("/bulkSync", (BulkSyncTiming timing, SimCluster cluster) =>
        {
            cluster.Options.BulkSyncPendingTime = timing.PendingTime;
            cluster.Options.BulkSyncRunningTime = timing.RunningTime;
            return TypedResults.NoContent();
        });
    }

    private static NotFound<string> UnknownNode(string name) => TypedResults.NotFound($"No node named '{name}'.");

    private static NodeDescription Describe(SimNode node) =>
        new(node.Name, node.CallBridgeId, node.ApiUrl, node.Username, node.Password, node.IsUp);
}

internal sealed record NodeDescription(string Name, string CallBridgeId, string ApiUrl, string Username, string Password, bool Up);

internal sealed record DialInRequest(string? Uri, string? CallId, string? Passcode, string? Caller);

internal sealed record DialInAnswer(string? Refused, string? Call, string? CallLeg, string? Participant);

internal sealed record BulkSyncTiming(TimeSpan PendingTime, TimeSpan RunningTime);
