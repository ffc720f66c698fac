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
        var list = await Query(db, state, bridgeId, includeFiltered == true).OrderByDescending(t => t.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    /// <summary>The tickets of a state and bridge (null: any), without the types a bridge filters out unless
    /// <paramref name="includeFiltered"/>; unordered. The list endpoints and the tickets page read through it.</summary>
    public static IQueryable<Ticket> Query(ConveneDb db, TicketState? state, Guid? bridgeId, bool includeFiltered)
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
        if (!includeFiltered)
        {
            query = query.Where(t => !db.TicketFilters.Any(f => f.BridgeId == t.BridgeId && f.Type == t.Type));
        }
        return query;
    }

    private static async Task<Results<Ok<TicketDto>, NotFound, ProblemHttpResult>> AcknowledgeAsync(int id, ConveneDb db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var (ticket, outcome) = await AcknowledgeTicketAsync(db, id, user.Identity?.Name, time, ct);
        return outcome switch
        {
            AcknowledgeOutcome.NotFound => TypedResults.NotFound(),
            // A ProblemHttpResult, not Conflict<ProblemDetails>: that one is sent as application/json.
            AcknowledgeOutcome.AlreadyResolved => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Ticket #{id} is already resolved.",
                type: "https://convene.invalid/problems/ticket-resolved"),
            _ => TypedResults.Ok(ToDto(ticket!)),
        };
    }

    /// <summary>Acknowledges ticket <paramref name="id"/> for <paramref name="by"/> (the API's and the pages' one rule): a
    /// resolved ticket is refused; acknowledging again keeps who acknowledged first, and when. The ticket is null when
    /// there is none of that id. The caller checks the Operator role.</summary>
    public static async Task<(Ticket? Ticket, AcknowledgeOutcome Outcome)> AcknowledgeTicketAsync(ConveneDb db, int id, string? by, TimeProvider time, CancellationToken ct)
    {
        var ticket = await db.Tickets.FindAsync([id], ct);
        if (ticket is null)
        {
            return (null, AcknowledgeOutcome.NotFound);
        }
        if (ticket.State == TicketState.Resolved)
        {
            return (ticket, AcknowledgeOutcome.AlreadyResolved);
        }
        if (ticket.State != TicketState.Acknowledged)
        {
            ticket.State = TicketState.Acknowledged;
            ticket.AcknowledgedUtc = time.GetUtcNow();
            ticket.AcknowledgedBy = by;
            await db.SaveChangesAsync(ct);
        }
        return (ticket, AcknowledgeOutcome.Acknowledged);
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

/// <summary>What <see cref="TicketsApi.AcknowledgeTicketAsync(ConveneDb, int, string?, TimeProvider, CancellationToken)"/> did.</summary>
public enum AcknowledgeOutcome
{
    /// <summary>The ticket is acknowledged (now, or it was already).</summary>
    Acknowledged,

    /// <summary>No ticket has that id (the API's 404).</summary>
    NotFound,

    /// <summary>The ticket is resolved and stays so (the API's 409).</summary>
    AlreadyResolved,
}
