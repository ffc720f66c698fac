using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui;

/// <summary>Which bridges are the demo's simulated cluster (a <see cref="Demo.DemoBridge"/> row marks them), so
/// pages can show <c>&lt;SimulatedBadge&gt;</c> next to them.</summary>
public static class SimulatedBridges
{
    /// <summary>The ids of the simulated bridges (none unless <c>Convene:Demo:SimulatedCluster</c> is on).</summary>
    public static async Task<HashSet<Guid>> IdsAsync(ConveneDb db, CancellationToken cancellationToken) =>
        [.. await db.DemoBridges.AsNoTracking().Select(d => d.BridgeId).ToListAsync(cancellationToken)];
}
