namespace Convene.Bridges;

public sealed record BridgeNodeDto(Guid Id, string Name, string? CallBridgeId, string? ApiAddress, string? Username, bool HasOwnPassword,
    string? CertificateSha256, bool IsSeed, bool IsPreferred, bool? Reachable, DateTimeOffset? LastCheckedUtc, string? LastError);

public sealed record BridgeDto(Guid Id, string? Name, string DisplayName, string Address, BridgeState State, string? SoftwareVersion,
    bool ClusterEnabled, string? Domain, long? NumericIdBase, int? NumericIdQuantity, bool AllowBooking, bool AllowIncomingSipUriDialing,
    bool AllowOutgoingSipUriDialing, string? WebBridgeUri, string TimeZone, string PlaceholderPrefix, ProvisioningState Provisioning,
    string? ProvisioningError, long? ProvisionedBase, int? ProvisionedQuantity, DateTimeOffset AddedUtc, IReadOnlyList<BridgeNodeDto> Nodes)
{
    public static BridgeDto From(Bridge b) => new(b.Id, b.Name, b.DisplayName, b.Address, b.State, b.SoftwareVersion, b.ClusterEnabled,
        b.Domain, b.NumericIdBase, b.NumericIdQuantity, b.AllowBooking, b.AllowIncomingSipUriDialing, b.AllowOutgoingSipUriDialing,
        b.WebBridgeUri, b.TimeZone, b.PlaceholderPrefix, b.Provisioning, b.ProvisioningError, b.ProvisionedBase, b.ProvisionedQuantity,
        b.AddedUtc, b.Nodes.OrderByDescending(n => n.IsSeed).ThenBy(n => n.Name, StringComparer.Ordinal).Select(n => new BridgeNodeDto(
            n.Id, n.Name, n.CallBridgeId, n.ApiAddress, n.Username, n.ProtectedPassword is not null && !n.IsSeed, n.CertificateSha256,
            n.IsSeed, n.Id == b.PreferredNodeId, n.Reachable, n.LastCheckedUtc, n.LastError)).ToList());
}

/// <summary>The seed's Edit Settings and Extended Settings. PUT replaces them all and must name every
/// setting without a default (null clears it); PATCH changes only the settings it names.</summary>
public sealed record BridgeSettings(
    string? Name,
    string? Domain,
    long? NumericIdBase,
    int? NumericIdQuantity,
    bool AllowBooking = true,
    bool AllowIncomingSipUriDialing = true,
    bool AllowOutgoingSipUriDialing = true,
    string? WebBridgeUri = null,
    string? TimeZone = null,
    string? PlaceholderPrefix = null,
    Guid? PreferredNodeId = null);

/// <summary>A node's own address, API user, password and certificate pin: null keeps the current value, an
/// empty string clears the node's own value (the bridge's seed credentials apply again).</summary>
public sealed record NodeSettings(string? ApiAddress, string? Username, string? Password, string? CertificateSha256);
