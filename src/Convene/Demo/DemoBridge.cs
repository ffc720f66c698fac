namespace Convene.Demo;

/// <summary>Marks the bridge the demo added, so the next start re-attaches it to its fresh simulated
/// cluster; removed with the bridge (cascade), after which the demo adds itself again.</summary>
public sealed class DemoBridge
{
    public Guid BridgeId { get; set; }
}
