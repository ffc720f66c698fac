using Convene.Cms;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Bridges;

/// <summary>At start-up, gives every bridge added before identities were kept the identity it is known
/// by (its cluster id and call bridge ids, or its seed's address), and finishes adding the bridges a
/// crash left half-added (state Adding).</summary>
internal sealed class BridgeRecovery(IServiceScopeFactory scopes, ILogger<BridgeRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var onboarding = scope.ServiceProvider.GetRequiredService<BridgeOnboarding>();
        var connections = scope.ServiceProvider.GetRequiredService<BridgeConnections>();
        await ClaimUnclaimedAsync(db, cancellationToken);
        foreach (var bridge in await db.Bridges.Include(b => b.Nodes).Where(b => b.State == BridgeState.Adding).ToListAsync(cancellationToken))
        {
            try
            {
                await onboarding.ResumeAsync(bridge, connections, cancellationToken);
            }
            catch (Exception e) when (e is CmsApiException or ProblemException)
            {
                Log.ResumeFailed(logger, e, bridge.Address);
            }
        }
    }

    private static async Task ClaimUnclaimedAsync(ConveneDb db, CancellationToken ct)
    {
        var unclaimed = await db.Bridges.Include(b => b.Nodes).Where(b => !db.BridgeIdentities.Any(i => i.BridgeId == b.Id)).ToListAsync(ct);
        foreach (var bridge in unclaimed)
        {
            var keys = new List<string>();
            if (!string.IsNullOrWhiteSpace(bridge.ClusterId))
            {
                keys.Add("cluster:" + bridge.ClusterId.Trim().ToLowerInvariant());
            }
            keys.AddRange(bridge.Nodes.Where(n => n.CallBridgeId is not null).Select(n => "callBridge:" + n.CallBridgeId!.Trim().ToLowerInvariant()));
            if (keys.Count == 0 && bridge.Nodes.FirstOrDefault(n => n.IsSeed)?.ApiAddress is { } seed && Uri.TryCreate(seed, UriKind.Absolute, out var uri)
                && System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
            {
                keys.Add("address:" + new System.Net.IPEndPoint(ip, uri.Port));
            }
            var taken = await db.BridgeIdentities.Where(i => keys.Contains(i.Key)).Select(i => i.Key).ToListAsync(ct);
            db.BridgeIdentities.AddRange(keys.Except(taken).Distinct().Select(k => new BridgeIdentity { Key = k, BridgeId = bridge.Id }));
            await db.SaveChangesAsync(ct);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
