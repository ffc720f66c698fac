using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Convene.Data;
using Convene.Placeholders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Demo;

/// <summary>
/// Starts a simulated cluster on loopback and keeps one bridge attached to it. At the first start (and
/// again after that bridge was removed) it adds the cluster with placeholders 1000–1049; at every later
/// start, the cluster being a fresh one (new ports, callBridge ids, no profiles, no spaces), it re-attaches
/// the stored bridge to it and makes again what the fresh cluster lacks. Done before start-up completes.
/// </summary>
internal sealed partial class DemoCluster(IServiceScopeFactory scopes, IOptions<DemoOptions> options, PlaceholderProvisioner provisioner,
    PlaceholderLocks locks, ILogger<DemoCluster> logger) : IHostedService
{
    /// <summary>The demo's domain: <c>.invalid</c> is never a real CMS's, so it also finds a demo bridge
    /// stored before the demo marked its bridge.</summary>
    public const string Domain = "video.example.invalid";

    private const string Password = "demo-password";

    private CmsSimulatorHost? _simulator;

    /// <summary>The running simulated cluster.</summary>
    public CmsSimulatorHost? Simulator => _simulator;

    /// <summary>The demo bridge, once attached.</summary>
    public Guid? BridgeId { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var simulator = await StartSimulatorAsync(cancellationToken);
        _simulator = simulator;
        Log.DemoCluster(logger, simulator.ControlUrl, simulator.Nodes[0].ApiUrl);
        try
        {
            BridgeId = await AttachAsync(simulator, cancellationToken);
        }
        catch (Exception e) when (e is CmsApiException or ProblemException or DbUpdateException)
        {
            AttachFailed(logger, e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Taken once: a second stop (the test host stops twice) must not stop the cluster again meanwhile.
        if (Interlocked.Exchange(ref _simulator, null) is { } simulator)
        {
            await simulator.DisposeAsync();
        }
    }

    private async Task<CmsSimulatorHost> StartSimulatorAsync(CancellationToken cancellationToken)
    {
        var basePort = options.Value.BasePort;
        if (basePort != 0)
        {
            try
            {
                return await StartSimulatorAsync(basePort, cancellationToken);
            }
            catch (IOException)
            {
                PortsTaken(logger, basePort, basePort + options.Value.Nodes - 1);
            }
        }
        return await StartSimulatorAsync(0, cancellationToken);
    }

    private Task<CmsSimulatorHost> StartSimulatorAsync(int basePort, CancellationToken cancellationToken) =>
        CmsSimulatorHost.StartAsync(o =>
        {
            o.Nodes = options.Value.Nodes;
            o.BasePort = basePort;
            o.Password = Password;
        }, cancellationToken: cancellationToken);

    private async Task<Guid> AttachAsync(CmsSimulatorHost simulator, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        var known = await db.DemoBridges.OrderBy(d => d.BridgeId).Select(d => (Guid?)d.BridgeId).FirstOrDefaultAsync(ct)
            ?? await db.Bridges.Where(b => b.Domain == Domain).OrderBy(b => b.AddedUtc).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
        if (known is { } id)
        {
            // The status poll of start-up may write the same rows meanwhile; a conflict is tried again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await new DemoReattach(scope.ServiceProvider, locks, provisioner).RunAsync(id, simulator, ct);
                    return id;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
        var seed = simulator.Nodes[0];
        var bridge = await scope.ServiceProvider.GetRequiredService<BridgeOnboarding>()
            .AddAsync(new AddBridge(seed.ApiUrl.GetLeftPart(UriPartial.Authority), seed.Username, seed.Password), ct);
        db.DemoBridges.Add(new DemoBridge { BridgeId = bridge.Id });
        await db.SaveChangesAsync(ct);
        await scope.ServiceProvider.GetRequiredService<BridgeSettingsEditor>().UpdateAsync(bridge.Id,
            new BridgeSettings("Simulated CMS", Domain, 1000, 50), ct);
        return bridge.Id;
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Demo: ports {First}-{Last} are taken (another simulator?); the simulated cluster listens on free ports instead")]
    private static partial void PortsTaken(ILogger logger, int first, int last);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Demo: could not attach the simulated cluster as a bridge")]
    private static partial void AttachFailed(ILogger logger, Exception exception);
}
