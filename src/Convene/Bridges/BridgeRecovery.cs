using Convene.Cms;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Bridges;

/// <summary>At start-up, finishes adding the bridges a crash left half-added (state Adding).</summary>
internal sealed class BridgeRecovery(IServiceScopeFactory scopes, ILogger<BridgeRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var onboarding = scope.ServiceProvider.GetRequiredService<BridgeOnboarding>();
        var connections = scope.ServiceProvider.GetRequiredService<BridgeConnections>();
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
