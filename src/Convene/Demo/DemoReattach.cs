using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Data;
using Convene.Placeholders;
using Microsoft.EntityFrameworkCore;

namespace Convene.Demo;

/// <summary>
/// Points the stored demo bridge at a fresh simulated cluster: what the cluster says of itself (version,
/// cluster id), its nodes (matched by name: new callBridge ids, addresses and credentials), and Convene's
/// profiles and placeholders made again there, as the fresh cluster has none of them.
/// </summary>
internal sealed class DemoReattach(IServiceProvider services, PlaceholderLocks locks, PlaceholderProvisioner provisioner)
{
    public async Task RunAsync(Guid bridgeId, CmsSimulatorHost simulator, CancellationToken ct)
    {
        var db = services.GetRequiredService<ConveneDb>();
        var secrets = services.GetRequiredService<BridgeSecrets>();
        var connections = services.GetRequiredService<BridgeConnections>();
        bool provision;
        using (await locks.EnterAsync(bridgeId, ct))
        {
            var bridge = await db.Bridges.Include(b => b.Nodes).FirstAsync(b => b.Id == bridgeId, ct);
            var seed = simulator.Nodes[0];
            CmsSystemStatus status;
            using (var cms = new CmsClient(new CmsEndpoint(seed.ApiUrl, seed.Username, seed.Password, name: seed.Name)))
            {
                status = await cms.GetSystemStatusAsync(ct);
                bridge.SoftwareVersion = status.SoftwareVersion;
                bridge.ClusterEnabled = status.ClusterEnabled ?? false;
                bridge.ClusterId = status.ClusterId;
            }
            bridge.Address = Authority(seed.ApiUrl);
            var kept = new List<BridgeNode>();
            for (var i = 0; i < simulator.Nodes.Count; i++)
            {
                var simulated = simulator.Nodes[i];
                var node = bridge.Nodes.FirstOrDefault(n => n.Name == simulated.Name);
                if (node is null)
                {
                    node = new BridgeNode { Id = Guid.NewGuid(), BridgeId = bridge.Id, Name = simulated.Name };
                    bridge.Nodes.Add(node);
                }
                node.CallBridgeId = simulated.CallBridgeId;
                node.ApiAddress = Authority(simulated.ApiUrl);
                node.IsSeed = i == 0;
                node.Username = i == 0 ? simulated.Username : null;
                node.ProtectedPassword = i == 0 ? secrets.Protect(simulated.Password) : null;
                node.CertificateSha256 = null;
                node.Reachable = null;
                node.LastError = null;
                kept.Add(node);
            }
            foreach (var gone in bridge.Nodes.Except(kept).ToList())
            {
                bridge.Nodes.Remove(gone);
                db.BridgeNodes.Remove(gone);
            }
            if (bridge.PreferredNodeId is { } preferred && kept.All(n => n.Id != preferred))
            {
                bridge.PreferredNodeId = null;
            }
            // Nothing of Convene's is on the fresh cluster: profiles, set and spaces are made again.
            bridge.CallProfileId = null;
            bridge.CallLegProfileId = null;
            bridge.BulkParameterSetId = null;
            bridge.BulkSyncId = null;
            bridge.State = BridgeState.Adding;
            bridge.Version++;
            await db.Placeholders.Where(p => p.BridgeId == bridgeId).ExecuteDeleteAsync(ct);
            // The fresh cluster says other things of itself: the bridge claims its new identity, so that
            // adding it again by hand is refused as "already managed".
            await db.BridgeIdentities.Where(i => i.BridgeId == bridgeId).ExecuteDeleteAsync(ct);
            db.BridgeIdentities.AddRange((await BridgeIdentity.KeysAsync(status, kept.Select(n => n.CallBridgeId!), seed.ApiUrl, ct))
                .Select(key => new BridgeIdentity { Key = key, BridgeId = bridgeId }));
            if (!await db.DemoBridges.AnyAsync(d => d.BridgeId == bridgeId, ct))
            {
                db.DemoBridges.Add(new DemoBridge { BridgeId = bridgeId });
            }
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<BridgeOnboarding>().ResumeAsync(bridge, connections, ct);
            provision = bridge.NumericIdBase is not null && bridge.NumericIdQuantity is not null && bridge.Domain is not null;
            if (provision)
            {
                bridge.Provisioning = ProvisioningState.Pending;
                bridge.ProvisioningError = null;
                await db.SaveChangesAsync(ct);
            }
        }
        if (provision)
        {
            provisioner.Queue(bridgeId);
        }
    }

    private static string Authority(Uri apiUrl) => apiUrl.GetLeftPart(UriPartial.Authority);
}
