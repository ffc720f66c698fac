using Convene.Accounts;
using Convene.Data;
using Convene.Placeholders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Convene.Bridges;

public static class BridgesApi
{
    public static IEndpointRouteBuilder MapBridges(this IEndpointRouteBuilder endpoints)
    {
        var bridges = endpoints.MapGroup("/api/bridges").WithTags("Bridges").RequireAuthorization(AccountsExtensions.ViewerPolicy);
        bridges.MapGet("/", async (ConveneDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.Bridges.Include(b => b.Nodes).OrderBy(b => b.AddedUtc).ToListAsync(ct)).Select(BridgeDto.From).ToList()));
        bridges.MapGet("/{id:guid}", GetAsync);
        bridges.MapPost("/", async (AddBridge request, BridgeOnboarding onboarding, CancellationToken ct) =>
        {
            var bridge = await onboarding.AddAsync(request, ct);
            return TypedResults.Created($"/api/bridges/{bridge.Id}", BridgeDto.From(bridge));
        }).RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPut("/{id:guid}/settings", async (Guid id, BridgeSettings settings, BridgeSettingsEditor editor, CancellationToken ct) =>
            TypedResults.Ok(BridgeDto.From(await editor.UpdateAsync(id, settings, ct)))).RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPut("/{id:guid}/nodes/{nodeId:guid}", UpdateNodeAsync).RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPost("/{id:guid}/provision", async (Guid id, BridgeSettingsEditor editor, CancellationToken ct) =>
            TypedResults.Accepted($"/api/bridges/{id}", BridgeDto.From(await editor.ReprovisionAsync(id, ct))))
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapDelete("/{id:guid}", async (Guid id, bool? force, BridgeRemoval removal, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await removal.RemoveAsync(id, force == true, user.Identity?.Name ?? "an administrator", ct)))
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapGet("/{id:guid}/placeholders", async (Guid id, ConveneDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Placeholders.Where(p => p.BridgeId == id).OrderBy(p => p.NumericId)
                .Select(p => new PlaceholderDto(p.NumericId, p.Name, p.SpaceId, p.Adopted)).ToListAsync(ct)));
        return endpoints;
    }

    private static async Task<Results<Ok<BridgeDto>, NotFound>> GetAsync(Guid id, ConveneDb db, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct);
        return bridge is null ? TypedResults.NotFound() : TypedResults.Ok(BridgeDto.From(bridge));
    }

    private static async Task<Ok<BridgeDto>> UpdateNodeAsync(Guid id, Guid nodeId, NodeSettings settings, ConveneDb db, BridgeSecrets secrets, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw ProblemException.BridgeNotFound(id);
        var node = bridge.Nodes.FirstOrDefault(n => n.Id == nodeId) ?? throw new ProblemException(404, $"Bridge {bridge.DisplayName} has no node {nodeId}.");
        if (settings.ApiAddress is { Length: > 0 } address)
        {
            try
            {
                _ = new Cms.CmsEndpoint(Cms.CmsEndpoint.ParseAddress(address), "check", "check", settings.CertificateSha256);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new ProblemException(400, $"'{address}' cannot be used as a node address.", e.Message, "invalid-address");
            }
        }
        node.ApiAddress = string.IsNullOrWhiteSpace(settings.ApiAddress) ? node.ApiAddress : settings.ApiAddress.Trim();
        node.Username = string.IsNullOrWhiteSpace(settings.Username) ? node.Username : settings.Username.Trim();
        if (!string.IsNullOrEmpty(settings.Password))
        {
            node.ProtectedPassword = secrets.Protect(settings.Password);
        }
        node.CertificateSha256 = string.IsNullOrWhiteSpace(settings.CertificateSha256) ? node.CertificateSha256 : settings.CertificateSha256.Trim();
        bridge.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BridgeDto.From(bridge));
    }
}

public sealed record PlaceholderDto(long NumericId, string Name, string SpaceId, bool Adopted);
