using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary><c>GET /system/status</c>: one node's version, uptime and counters.</summary>
/// <param name="SoftwareVersion">The running version, such as <c>2.0(RC)</c> or <c>3.9.2</c>.</param>
/// <param name="Uptime">Time since the Call Bridge started.</param>
/// <param name="CdrTime">The node's clock, as it would stamp a CDR now.</param>
/// <param name="Activated">Licensed/activated (deprecated in 3.0; null there).</param>
/// <param name="ClusterEnabled">The Call Bridge runs clustered.</param>
/// <param name="ClusterId">The cluster's id (3.0 and later).</param>
/// <param name="CdrCorrelatorIndex">Index of the next CDR record to be sent.</param>
/// <param name="CallLegsActive">Call legs now.</param>
/// <param name="CallLegsMaxActive">Most call legs at once.</param>
/// <param name="CallLegsCompleted">Call legs that have ended.</param>
/// <param name="AudioBitRateOutgoing">Outgoing audio, bit/s.</param>
/// <param name="AudioBitRateIncoming">Incoming audio, bit/s.</param>
/// <param name="VideoBitRateOutgoing">Outgoing video, bit/s.</param>
/// <param name="VideoBitRateIncoming">Incoming video, bit/s.</param>
/// <param name="HostId">The host's own id, a GUID that stays with the machine (2.6 and later; API reference, <c>system/status</c>).</param>
public sealed record CmsSystemStatus(
    string? SoftwareVersion, TimeSpan? Uptime, DateTimeOffset? CdrTime, bool? Activated, bool? ClusterEnabled, string? ClusterId,
    long? CdrCorrelatorIndex, long? CallLegsActive, long? CallLegsMaxActive, long? CallLegsCompleted,
    long? AudioBitRateOutgoing, long? AudioBitRateIncoming, long? VideoBitRateOutgoing, long? VideoBitRateIncoming,
    string? HostId = null)
{
    /// <summary>The leading numbers of <see cref="SoftwareVersion"/> (<c>2.0(RC)</c> → 2.0), or null.</summary>
    public Version? Version => CmsVersion.Parse(SoftwareVersion);

    internal static CmsSystemStatus Parse(XElement e) => new(
        e.Text("softwareVersion")?.Trim(), e.Seconds("uptimeSeconds"), e.Time("cdrTime"),
        e.Bool("activated"), e.Bool("clusterEnabled"), e.Text("clusterId"), e.Long("cdrCorrelatorIndex"),
        e.Long("callLegsActive"), e.Long("callLegsMaxActive"), e.Long("callLegsCompleted"),
        e.Long("audioBitRateOutgoing"), e.Long("audioBitRateIncoming"), e.Long("videoBitRateOutgoing"), e.Long("videoBitRateIncoming"),
        e.Text("hostId"));
}

/// <summary><c>GET /system/configuration/cluster</c>: this node's cluster settings.</summary>
/// <param name="UniqueName">This node's name; equals its <c>name</c> in <c>/callBridges</c>. Null when unset
/// (<c>&lt;uniqueName/&gt;</c>): a standalone node, or a cluster node known in the table only by its address.</param>
/// <param name="PeerLinkBitRate">Bit rate of links to peers.</param>
/// <param name="ParticipantLimit">Participants this node admits.</param>
/// <param name="LoadLimit">The node's media load limit.</param>
/// <param name="NewConferenceLoadLimitBasisPoints">Load share above which new conferences go elsewhere.</param>
/// <param name="ExistingConferenceLoadLimitBasisPoints">Load share above which existing conferences go elsewhere.</param>
public sealed record CmsClusterConfiguration(string? UniqueName, long? PeerLinkBitRate, long? ParticipantLimit, long? LoadLimit,
    long? NewConferenceLoadLimitBasisPoints, long? ExistingConferenceLoadLimitBasisPoints)
{
    internal static CmsClusterConfiguration Parse(XElement e) => new(e.Text("uniqueName"), e.Long("peerLinkBitRate"),
        e.Long("participantLimit"), e.Long("loadLimit"), e.Long("newConferenceLoadLimitBasisPoints"), e.Long("existingConferenceLoadLimitBasisPoints"));
}

/// <summary>An active alarm of <c>GET /system/alarms</c>.</summary>
/// <param name="Id">The alarm's id.</param>
/// <param name="Type">Such as <c>cdrConnectionFailure</c> or <c>callBridgeConnectionFailure</c>.</param>
/// <param name="ActiveFor">How long it has been active.</param>
/// <param name="FailureReason">Such as <c>connectFailure</c>, when given.</param>
public sealed record CmsAlarm(string Id, string? Type, TimeSpan? ActiveFor, string? FailureReason)
{
    internal static CmsAlarm Parse(XElement e) => new(e.Id(), e.Text("type"),
        e.Seconds("activeTimeSeconds"), e.Text("failureReason"));
}

/// <summary>A CDR receiver of <c>/system/cdrReceivers</c>.</summary>
/// <param name="Id">The receiver's id.</param>
/// <param name="Uri">Where the node POSTs its CDRs; null when it was set empty (the receiver stays, unused).</param>
public sealed record CmsCdrReceiver(string Id, string? Uri)
{
    internal static CmsCdrReceiver Parse(XElement e) => new(e.Id(), e.Text("uri"));
}

/// <summary>Every CDR receiver of a node, with how many it takes (<c>&lt;cdrReceivers total="2" maximum="4"&gt;</c>;
/// API reference, "Retrieving the CDR receivers URI").</summary>
/// <param name="Receivers">The receivers, in the bridge's order.</param>
/// <param name="Maximum">The most the node takes (4 in current versions, 2 in R1.8); null when the bridge does not say.</param>
public sealed record CmsCdrReceivers(IReadOnlyList<CmsCdrReceiver> Receivers, int? Maximum);

/// <summary><c>GET /system/profiles</c>: the global (top-level) profiles, the last link of every profile
/// chain. A profile that is not set is null.</summary>
/// <param name="CallLegProfile">The global call leg profile's id.</param>
/// <param name="CallProfile">The global call profile's id.</param>
/// <param name="DtmfProfile">The global DTMF profile's id.</param>
/// <param name="UserProfile">The global user profile's id.</param>
/// <param name="IvrBrandingProfile">The global IVR branding profile's id.</param>
/// <param name="CallBrandingProfile">The global call branding profile's id.</param>
/// <param name="CompatibilityProfile">The global compatibility profile's id (2.1).</param>
/// <param name="DialInSecurityProfile">The global dial-in security profile's id (3.0).</param>
/// <param name="WebBridgeProfile">The global web bridge profile's id (3.0).</param>
public sealed record CmsSystemProfiles(string? CallLegProfile, string? CallProfile, string? DtmfProfile, string? UserProfile,
    string? IvrBrandingProfile, string? CallBrandingProfile, string? CompatibilityProfile, string? DialInSecurityProfile, string? WebBridgeProfile)
{
    internal static CmsSystemProfiles Parse(XElement e) => new(e.Text("callLegProfile"), e.Text("callProfile"), e.Text("dtmfProfile"),
        e.Text("userProfile"), e.Text("ivrBrandingProfile"), e.Text("callBrandingProfile"), e.Text("compatibilityProfile"),
        e.Text("dialInSecurityProfile"), e.Text("webBridgeProfile"));
}

/// <summary>Changes to the global profiles (<c>PUT /system/profiles</c>): each a profile id, left out, or
/// <see cref="CmsParam.Clear"/> to unset it.</summary>
public sealed record SystemProfilesChanges
{
    /// <summary>The global call leg profile.</summary>
    public CmsParam<string> CallLegProfile { get; init; }

    /// <summary>The global call profile.</summary>
    public CmsParam<string> CallProfile { get; init; }

    /// <summary>The global DTMF profile.</summary>
    public CmsParam<string> DtmfProfile { get; init; }

    /// <summary>The global user profile.</summary>
    public CmsParam<string> UserProfile { get; init; }

    /// <summary>The global IVR branding profile.</summary>
    public CmsParam<string> IvrBrandingProfile { get; init; }

    /// <summary>The global call branding profile.</summary>
    public CmsParam<string> CallBrandingProfile { get; init; }

    /// <summary>The global compatibility profile (2.1).</summary>
    public CmsParam<string> CompatibilityProfile { get; init; }

    /// <summary>The global dial-in security profile (3.0).</summary>
    public CmsParam<string> DialInSecurityProfile { get; init; }

    /// <summary>The global web bridge profile (3.0).</summary>
    public CmsParam<string> WebBridgeProfile { get; init; }

    internal FormBody ToForm() => new FormBody()
        .Add("callLegProfile", Checked(CallLegProfile, nameof(CallLegProfile)))
        .Add("callProfile", Checked(CallProfile, nameof(CallProfile)))
        .Add("dtmfProfile", Checked(DtmfProfile, nameof(DtmfProfile)))
        .Add("userProfile", Checked(UserProfile, nameof(UserProfile)))
        .Add("ivrBrandingProfile", Checked(IvrBrandingProfile, nameof(IvrBrandingProfile)))
        .Add("callBrandingProfile", Checked(CallBrandingProfile, nameof(CallBrandingProfile)))
        .Add("compatibilityProfile", Checked(CompatibilityProfile, nameof(CompatibilityProfile)))
        .Add("dialInSecurityProfile", Checked(DialInSecurityProfile, nameof(DialInSecurityProfile)))
        .Add("webBridgeProfile", Checked(WebBridgeProfile, nameof(WebBridgeProfile)));

    private static CmsParam<string> Checked(CmsParam<string> id, string name) => id.IsSet ? CmsIds.Check(id.Value!, name) : id;
}

internal static class CmsVersion
{
    public static Version? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var digits = new string(text.Trim().TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray()).Trim('.');
        if (!digits.Contains('.', StringComparison.Ordinal))
        {
            digits += ".0";
        }
        return System.Version.TryParse(digits, out var version) ? version : null;
    }
}
