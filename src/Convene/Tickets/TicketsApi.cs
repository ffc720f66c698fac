using System.Security.Claims;
using Convene.Accounts;
using Convene.Bridges;
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
        tickets.MapGet("/bridges/{bridgeId:guid}/tickets", async (Guid bridgeId, TicketState? state, bool? includeFiltered, ConveneDb db, CancellationToken ct) =>
        {
            await db.EnsureBridgeAsync(bridgeId, ct);
            return await ListAsync(state, bridgeId, includeFiltered, db, ct);
        });
        tickets.MapPost("/tickets/{id:int}/acknowledge", AcknowledgeAsync).RequireAuthorization(AccountsExtensions.OperatorPolicy);
        tickets.MapGet("/bridges/{bridgeId:guid}/ticket-filters", async (Guid bridgeId, ConveneDb db, CancellationToken ct) =>
        {
            await db.EnsureBridgeAsync(bridgeId, ct);
            return TypedResults.Ok(await db.TicketFilters.Where(f => f.BridgeId == bridgeId).Select(f => f.Type).ToListAsync(ct));
        });
        tickets.MapPut("/bridges/{bridgeId:guid}/ticket-filters", SetFiltersAsync).RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        return endpoints;
    }

    /// <summary>Tickets, newest first; filtered types of a bridge are left out unless asked for.</summary>
    private static async Task<Ok<List<TicketDto>>> ListAsync(TicketState? state, Guid? bridgeId, bool? includeFiltered, ConveneDb db, CancellationToken ct)
    {
        // A number binds to any enum value, defined or not (?state=99): refuse what is not a state.
        if (state is { } asked && !Enum.IsDefined(asked))
        {
            throw ProblemException.Invalid("state", $"The state must be one of {string.Join(", ", Enum.GetNames<TicketState>())}.", "invalid-state");
        }
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

    /// <summary>Replaces the filtered types. Two saves at once: one wins, the other is a 409 (the key
    /// of a filter is the bridge and the type), never a 500.</summary>
    private static async Task<Results<Ok<List<TicketType>>, NotFound>> SetFiltersAsync(Guid bridgeId, List<TicketType>? types, ConveneDb db, CancellationToken ct)
    {
        if (types is null)
        {
            throw ProblemException.Invalid("body", "The body is a JSON array of ticket types, such as [\"BlankSystemName\"].", "invalid-ticket-filters");
        }
        var undefined = types.Where(t => !Enum.IsDefined(t)).Distinct().ToList();
        if (undefined.Count > 0)
        {
            throw ProblemException.Invalid(undefined.ToDictionary(t => $"[{types.IndexOf(t)}]", t => new[] { $"{(int)t} is not a ticket type; the types are {string.Join(", ", Enum.GetNames<TicketType>())}." }),
                "The filters name ticket types that do not exist.", "invalid-ticket-filters");
        }
        await db.EnsureBridgeAsync(bridgeId, ct);
        db.TicketFilters.RemoveRange(db.TicketFilters.Where(f => f.BridgeId == bridgeId));
        db.TicketFilters.AddRange(types.Distinct().Select(t => new TicketFilter { BridgeId = bridgeId, Type = t }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(types.Distinct().ToList());
    }

    public static TicketDto ToDto(Ticket t) => new(t.Id, t.BridgeId, t.NodeId, t.Type, t.State, t.Summary, t.Details,
        t.RaisedUtc, t.AcknowledgedUtc, t.AcknowledgedBy, t.ResolvedUtc);
}
