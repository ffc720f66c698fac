using System.Text.Json.Serialization;

namespace Convene.Bridges;

/// <summary>A managed CMS cluster (a single Call Bridge is a cluster of one), as an administrator added it.</summary>
public sealed class Bridge
{
    public Guid Id { get; set; }

    /// <summary>The name an administrator gave it; null until then ("No Name (address)", as TMS shows it).</summary>
    public string? Name { get; set; }

    /// <summary>The address as entered: host, IP or host:port.</summary>
    public required string Address { get; set; }

    public BridgeState State { get; set; }

    public string? SoftwareVersion { get; set; }

    public bool ClusterEnabled { get; set; }

    public string? ClusterId { get; set; }

    /// <summary>Extended settings (the seed's step 3): URIs are numeric ID @ domain.</summary>
    public string? Domain { get; set; }

    public long? NumericIdBase { get; set; }

    public int? NumericIdQuantity { get; set; }

    public bool AllowBooking { get; set; } = true;

    public bool AllowIncomingSipUriDialing { get; set; } = true;

    public bool AllowOutgoingSipUriDialing { get; set; } = true;

    public string? WebBridgeUri { get; set; }

    /// <summary>IANA time zone of the bridge's site.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Placeholder names are this prefix and the numeric ID.</summary>
    public string PlaceholderPrefix { get; set; } = "TMS_Scheduled_Meeting_";

    public string? CallProfileId { get; set; }

    public string? CallLegProfileId { get; set; }

    /// <summary>The bulk parameter set Convene made for the placeholders; null when none (or adopted from TMS).</summary>
    public string? BulkParameterSetId { get; set; }

    /// <summary>The last bulk sync Convene started for its set: kept while it may still run (a crash or a sync
    /// timeout), so the next provisioning waits for it and takes its spaces as Convene's own; null when unknown.</summary>
    public string? BulkSyncId { get; set; }

    /// <summary>The range the placeholders now cover.</summary>
    public long? ProvisionedBase { get; set; }

    public int? ProvisionedQuantity { get; set; }

    public ProvisioningState Provisioning { get; set; }

    public string? ProvisioningError { get; set; }

    /// <summary>The node operations go to first.</summary>
    public Guid? PreferredNodeId { get; set; }

    public DateTimeOffset AddedUtc { get; set; }

    public uint Version { get; set; }

    public List<BridgeNode> Nodes { get; set; } = [];

    public string DisplayName => Name ?? $"No Name ({Address})";
}

[JsonConverter(typeof(JsonStringEnumConverter<BridgeState>))]
public enum BridgeState
{
    /// <summary>Detected, profiles being made.</summary>
    Adding,

    Active,
}

[JsonConverter(typeof(JsonStringEnumConverter<ProvisioningState>))]
public enum ProvisioningState
{
    /// <summary>Extended settings incomplete.</summary>
    NotConfigured,

    Pending,

    Running,

    Complete,

    Failed,
}
