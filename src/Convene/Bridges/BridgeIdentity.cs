using System.Net;
using Convene.Cms;

namespace Convene.Bridges;

/// <summary>
/// One thing a CMS says about itself that no other CMS says, claimed by the bridge that manages it. The
/// key is the primary key, so two adds of one CMS cannot both be saved, whatever their timing: the
/// database refuses the second (on SQLite and PostgreSQL alike).
/// </summary>
/// <remarks>Keys, most telling first: <c>cluster:&lt;clusterId&gt;</c> (<c>system/status</c>, 3.0 and
/// later), <c>callBridge:&lt;id&gt;</c> (each entry of <c>callBridges</c>), <c>host:&lt;hostId&gt;</c>
/// (<c>system/status</c>, 2.6 and later), and, only when the CMS says none of these, <c>address:ip:port</c>
/// for each address its host name resolves to (API reference, "System status" and "Call Bridges").</remarks>
public sealed class BridgeIdentity
{
    public required string Key { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>The identity keys of a CMS from what it said about itself; the resolved addresses only
    /// when it said nothing that identifies it.</summary>
    public static async Task<List<string>> KeysAsync(CmsSystemStatus status, IEnumerable<string> callBridgeIds, Uri address, CancellationToken ct)
    {
        var keys = new List<string>();
        if (!string.IsNullOrWhiteSpace(status.ClusterId))
        {
            keys.Add("cluster:" + status.ClusterId.Trim().ToLowerInvariant());
        }
        keys.AddRange(callBridgeIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => "callBridge:" + id.Trim().ToLowerInvariant()));
        if (!string.IsNullOrWhiteSpace(status.HostId))
        {
            keys.Add("host:" + status.HostId.Trim().ToLowerInvariant());
        }
        if (keys.Count == 0)
        {
            var ips = IPAddress.TryParse(address.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(address.Host, ct);
            keys.AddRange(ips.Select(ip => "address:" + new IPEndPoint(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, address.Port)));
        }
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }
}
