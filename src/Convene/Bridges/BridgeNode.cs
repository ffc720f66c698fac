namespace Convene.Bridges;

/// <summary>One Call Bridge of a managed cluster, found through the <c>callBridges</c> table.</summary>
public sealed class BridgeNode
{
    public Guid Id { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>Its id in the cluster's <c>callBridges</c> table (null for a standalone node).</summary>
    public string? CallBridgeId { get; set; }

    public required string Name { get; set; }

    /// <summary>The API address: as discovered, or as an administrator set it.</summary>
    public string? ApiAddress { get; set; }

    /// <summary>Per-node API user; the bridge's seed credentials when null.</summary>
    public string? Username { get; set; }

    /// <summary>Per-node password, encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedPassword { get; set; }

    public string? CertificateSha256 { get; set; }

    /// <summary>The node Convene was added through.</summary>
    public bool IsSeed { get; set; }

    public bool? Reachable { get; set; }

    public DateTimeOffset? LastCheckedUtc { get; set; }

    public string? LastError { get; set; }
}
