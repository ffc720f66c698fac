using System.Security.Claims;
using Convene.Accounts;
using Convene.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tickets;

public sealed record TicketDto(int Id, Guid BridgeId, Guid? NodeId, TicketType Type, TicketState State, string Summary, string? Details,
    DateTimeOffset RaisedUtc, DateTimeOffset? AcknowledgedUtc, string? AcknowledgedBy, DateTimeOffset? ResolvedUtc);

public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api").WithTags("Tickets").RequireAuthorization(AccountsExtensions.ViewerPolicy);
        tickets.MapGet("/tickets", ListAsync);
        tickets.MapGet("/bridges/{bridgeId:guid}/tickets", (Guid bridgeId, TicketState? state, bool? includeFiltered, ConveneDb db, CancellationToken ct) =>
            ListAsync(state, bridgeId, includeFiltered, db, ct));
        tickets.MapPost("/tickets/{id:int}/acknowledge", AcknowledgeAsync).RequireAuthorization(AccountsExtensions.OperatorPolicy);
        tickets.MapGet("/bridges/{bridgeId:guid}/ticket-filters", async (Guid bridgeId, ConveneDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.TicketFilters.Where(f => f.BridgeId == bridgeId).Select(f => f.Type).ToListAsync(ct)));
        tickets.MapPut("/bridges/{bridgeId:guid}/ticket-filters", SetFiltersAsync).RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        return endpoints;
    }

    /// <summary>Tickets, newest first; filtered types of a bridge are left out unless asked for.</summary>
    private static async Task<Ok<List<TicketDto>>> ListAsync(TicketState? state, Guid? bridgeId, bool? includeFiltered, ConveneDb db, CancellationToken ct)
    {
        var query = db.Tickets.AsQueryable();
        if (state is { } s)
        {
            query = query.Where(t => t.State == s);
        }
        if (bridgeId is { } b)
        {
            query = query.Where(t => t.BridgeId == b);
        }
        if (includeFiltered != true)
        {
            query = query.Where(t => !db.TicketFilters.Any(f => f.BridgeId == t.BridgeId && f.Type == t.Type));
        }
        var list = await query.OrderByDescending(t => t.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<TicketDto>, NotFound, ProblemHttpResult>> AcknowledgeAsync(int id, ConveneDb db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var ticket = await db.Tickets.FindAsync([id], ct);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        if (ticket.State == TicketState.Resolved)
        {
            // A ProblemHttpResult, not Conflict<ProblemDetails>: that one is sent as application/json.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Ticket #{id} is already resolved.",
                type: "https://convene.invalid/problems/ticket-resolved");
        }
        if (ticket.State != TicketState.Acknowledged)
        {
            // Acknowledging again keeps who acknowledged first, and when.
            ticket.State = TicketState.Acknowledged;
            ticket.AcknowledgedUtc = time.GetUtcNow();
            ticket.AcknowledgedBy = user.Identity?.Name;
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(ticket));
    }

    private static async Task<Results<Ok<List<TicketType>>, NotFound>> SetFiltersAsync(Guid bridgeId, List<TicketType> types, ConveneDb db, CancellationToken ct)
    {
        if (!await db.Bridges.AnyAsync(b => b.Id == bridgeId, ct))
        {
            return TypedResults.NotFound();
        }
        db.TicketFilters.RemoveRange(db.TicketFilters.Where(f => f.BridgeId == bridgeId));
        db.TicketFilters.AddRange(types.Distinct().Select(t => new TicketFilter { BridgeId = bridgeId, Type = t }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(types.Distinct().ToList());
    }

    public static TicketDto ToDto(Ticket t) => new(t.Id, t.BridgeId, t.NodeId, t.Type, t.State, t.Summary, t.Details,
        t.RaisedUtc, t.AcknowledgedUtc, t.AcknowledgedBy, t.ResolvedUtc);
}
