using Convene.Bridges;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tickets;

/// <summary>Raises a ticket when its cause appears and resolves it when the cause is gone. A ticket of a
/// type is raised once per bridge (and node) while it is open or acknowledged; the caller saves.</summary>
public sealed class TicketBook(ConveneDb db, TimeProvider time)
{
    public async Task RaiseAsync(Guid bridgeId, TicketType type, string summary, string? details = null, Guid? nodeId = null, CancellationToken cancellationToken = default)
    {
        var existing = await Current(bridgeId, type, nodeId).FirstOrDefaultAsync(cancellationToken)
            ?? db.Tickets.Local.FirstOrDefault(t => t.BridgeId == bridgeId && t.Type == type && t.NodeId == nodeId && t.State != TicketState.Resolved);
        if (existing is not null)
        {
            existing.Summary = summary;
            existing.Details = details;
            return;
        }
        db.Tickets.Add(new Ticket
        {
            BridgeId = bridgeId,
            NodeId = nodeId,
            Type = type,
            State = TicketState.Open,
            Summary = summary,
            Details = details,
            RaisedUtc = time.GetUtcNow(),
        });
    }

    public async Task ResolveAsync(Guid bridgeId, TicketType type, Guid? nodeId = null, CancellationToken cancellationToken = default)
    {
        foreach (var ticket in await Current(bridgeId, type, nodeId).ToListAsync(cancellationToken))
        {
            ticket.State = TicketState.Resolved;
            ticket.ResolvedUtc = time.GetUtcNow();
        }
    }

    public Task SetAsync(bool raised, Guid bridgeId, TicketType type, string summary, string? details = null, Guid? nodeId = null,
        CancellationToken cancellationToken = default) =>
        raised ? RaiseAsync(bridgeId, type, summary, details, nodeId, cancellationToken) : ResolveAsync(bridgeId, type, nodeId, cancellationToken);

    /// <summary>The tickets that follow from a bridge's settings (the seed's first two).</summary>
    public async Task CheckSettingsAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        await SetAsync(string.IsNullOrWhiteSpace(bridge.Name), bridge.Id, TicketType.BlankSystemName,
            "Blank System Name", "The name of the system is blank.", cancellationToken: cancellationToken);
        await SetAsync(bridge.Domain is null || bridge.NumericIdBase is null || bridge.NumericIdQuantity is null, bridge.Id,
            TicketType.DialNumberConfigurationError, "Dial Number Configuration Error",
            "Domain, Numeric ID Base and Numeric ID Quantity details are not set.", cancellationToken: cancellationToken);
    }

    private IQueryable<Ticket> Current(Guid bridgeId, TicketType type, Guid? nodeId) =>
        db.Tickets.Where(t => t.BridgeId == bridgeId && t.Type == type && t.NodeId == nodeId && t.State != TicketState.Resolved);
}
