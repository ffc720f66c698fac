using System.ComponentModel.DataAnnotations;

namespace Convene.Demo;

public sealed class DemoOptions
{
    public const string Section = "Convene:Demo";

    /// <summary>Run a simulated CMS cluster in-process and add it as a bridge, so Convene can be tried with no CMS.</summary>
    public bool SimulatedCluster { get; set; }

    [Range(1, 16)]
    public int Nodes { get; set; } = 2;

    /// <summary>The first simulated node's API port, the others following; when taken, free ports are used
    /// (0: free ports always).</summary>
    [Range(0, 65535)]
    public int BasePort { get; set; } = 9441;
}
