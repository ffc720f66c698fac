using Convene.Accounts;
using Convene.Bridges;
using Convene.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Convene.Status;

public sealed record StatusSampleDto(Guid NodeId, DateTimeOffset TimeUtc, bool Reachable, long? UptimeSeconds, long? CallLegsActive,
    long? CallLegsMaxActive, long? CallLegsCompleted, long? AudioBitRateOutgoing, long? AudioBitRateIncoming, long? VideoBitRateOutgoing,
    long? VideoBitRateIncoming);

public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder endpoints)
    {
        var status = endpoints.MapGroup("/api/bridges/{id:guid}/status").WithTags("Status").RequireAuthorization(AccountsExtensions.ViewerPolicy);
        status.MapGet("/", HistoryAsync);
        status.MapPost("/refresh", async (Guid id, ConveneDb db, StatusPoller poller, CancellationToken ct) =>
        {
            await db.EnsureBridgeAsync(id, ct);
            await poller.PollBridgeAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(AccountsExtensions.OperatorPolicy);
        return endpoints;
    }

    /// <summary>Samples between <paramref name="from"/> and <paramref name="to"/> (default: the last 24 hours), oldest first.</summary>
    private static async Task<Results<Ok<List<StatusSampleDto>>, NotFound, ValidationProblem>> HistoryAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to,
        ConveneDb db, TimeProvider time, CancellationToken ct)
    {
        await db.EnsureBridgeAsync(id, ct);
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start > end)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["'from' is after 'to'."] });
        }
        return TypedResults.Ok(await History(db, id, start, end).ToListAsync(ct));
    }

    /// <summary>The bridge's samples from <paramref name="start"/> to <paramref name="end"/> (inclusive), oldest first, at
    /// most 50,000: what <c>GET /api/bridges/{id}/status</c> answers and the bridge's Summary page draws.</summary>
    public static IQueryable<StatusSampleDto> History(ConveneDb db, Guid id, DateTimeOffset start, DateTimeOffset end) =>
        db.StatusSamples.Where(s => s.BridgeId == id && s.TimeUtc >= start && s.TimeUtc <= end)
            .OrderBy(s => s.TimeUtc).Take(50_000)
            .Select(s => new StatusSampleDto(s.NodeId, s.TimeUtc, s.Reachable, s.UptimeSeconds, s.CallLegsActive, s.CallLegsMaxActive,
                s.CallLegsCompleted, s.AudioBitRateOutgoing, s.AudioBitRateIncoming, s.VideoBitRateOutgoing, s.VideoBitRateIncoming));
}
