using System.Text.Json;
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
        bridges.MapPut("/{id:guid}/settings", async (Guid id, JsonElement body, BridgeSettingsEditor editor, CancellationToken ct) =>
            TypedResults.Ok(BridgeDto.From(await editor.UpdateAsync(id, BridgeSettingsBody.Replacement(body), ct))))
            .Accepts<BridgeSettings>("application/json").RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPatch("/{id:guid}/settings", PatchSettingsAsync).Accepts<BridgeSettings>("application/json")
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPut("/{id:guid}/nodes/{nodeId:guid}", async (Guid id, Guid nodeId, NodeSettings settings, ConveneDb db, BridgeSecrets secrets, CancellationToken ct) =>
            TypedResults.Ok(BridgeDto.From(await BridgeNodeSettings.UpdateAsync(id, nodeId, settings, db, secrets, ct))))
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapPost("/{id:guid}/provision", async (Guid id, BridgeSettingsEditor editor, CancellationToken ct) =>
            TypedResults.Accepted($"/api/bridges/{id}", BridgeDto.From(await editor.ReprovisionAsync(id, ct))))
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapDelete("/{id:guid}", async (Guid id, bool? force, BridgeRemoval removal, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await removal.RemoveAsync(id, force == true, user.Identity?.Name ?? "an administrator", ct)))
            .RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        bridges.MapGet("/{id:guid}/placeholders", async (Guid id, ConveneDb db, CancellationToken ct) =>
        {
            await db.EnsureBridgeAsync(id, ct);
            return TypedResults.Ok(await db.Placeholders.Where(p => p.BridgeId == id).OrderBy(p => p.NumericId)
                .Select(p => new PlaceholderDto(p.NumericId, p.Name, p.SpaceId, p.Adopted)).ToListAsync(ct));
        });
        return endpoints;
    }

    private static async Task<Results<Ok<BridgeDto>, NotFound>> GetAsync(Guid id, ConveneDb db, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct);
        return bridge is null ? TypedResults.NotFound() : TypedResults.Ok(BridgeDto.From(bridge));
    }

    /// <summary>Changes the settings the body names and keeps the others (a PUT replaces them all).</summary>
    private static async Task<Ok<BridgeDto>> PatchSettingsAsync(Guid id, JsonElement body, BridgeSettingsEditor editor, CancellationToken ct) =>
        TypedResults.Ok(BridgeDto.From(await editor.UpdateAsync(id, bridge => BridgeSettingsBody.Changes(body, bridge), ct)));

    /// <summary>Throws the 404 of an unknown bridge, so no route under it answers as if it existed.</summary>
    public static async Task EnsureBridgeAsync(this ConveneDb db, Guid id, CancellationToken ct)
    {
        if (!await db.Bridges.AnyAsync(b => b.Id == id, ct))
        {
            throw ProblemException.BridgeNotFound(id);
        }
    }
}

public sealed record PlaceholderDto(long NumericId, string Name, string SpaceId, bool Adopted);
