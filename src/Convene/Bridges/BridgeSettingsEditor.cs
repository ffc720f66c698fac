using System.Text.RegularExpressions;
using Convene.Data;
using Convene.Meetings;
using Convene.Placeholders;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Bridges;

/// <summary>Checks and saves a bridge's settings; a complete or changed numeric range starts
/// (re-)provisioning the placeholders.</summary>
public sealed partial class BridgeSettingsEditor(ConveneDb db, TicketBook tickets, PlaceholderProvisioner provisioner, IOptions<PlaceholderOptions> placeholderOptions)
{
    /// <summary>Replaces the settings (PUT).</summary>
    public Task<Bridge> UpdateAsync(Guid id, BridgeSettings settings, CancellationToken ct) => UpdateAsync(id, _ => settings, ct);

    /// <summary>Saves the settings made from the bridge as loaded (PATCH: the current ones with some changed),
    /// so a change saved by someone else in between is a 409 (the bridge's version), never silently undone.</summary>
    public async Task<Bridge> UpdateAsync(Guid id, Func<Bridge, BridgeSettings> settingsOf, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw ProblemException.BridgeNotFound(id);
        var settings = settingsOf(bridge);
        var errors = Check(settings, bridge);
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors, "The settings are not valid.", "invalid-settings");
        }
        var rangeChanges = settings.NumericIdBase != bridge.NumericIdBase || settings.NumericIdQuantity != bridge.NumericIdQuantity
            || (settings.PlaceholderPrefix ?? bridge.PlaceholderPrefix) != bridge.PlaceholderPrefix;
        if (bridge.ProvisionedBase is not null && (settings.NumericIdBase is null || settings.NumericIdQuantity is null))
        {
            throw new ProblemException(409, $"Placeholders {bridge.ProvisionedBase}–{bridge.ProvisionedBase + bridge.ProvisionedQuantity - 1} exist on {bridge.DisplayName}: " +
                "change the numeric ID range rather than clearing it, or remove the bridge.", type: "range-in-use");
        }
        if (rangeChanges && settings.NumericIdBase is { } start && settings.NumericIdQuantity is { } count)
        {
            await RefuseOverlapAsync(bridge, start, count, ct);
            await RefuseWhileInUseAsync(bridge, start, count, ct);
        }
        bridge.Name = string.IsNullOrWhiteSpace(settings.Name) ? null : settings.Name.Trim();
        bridge.Domain = string.IsNullOrWhiteSpace(settings.Domain) ? null : settings.Domain.Trim().ToLowerInvariant();
        bridge.NumericIdBase = settings.NumericIdBase;
        bridge.NumericIdQuantity = settings.NumericIdQuantity;
        bridge.AllowBooking = settings.AllowBooking;
        bridge.AllowIncomingSipUriDialing = settings.AllowIncomingSipUriDialing;
        bridge.AllowOutgoingSipUriDialing = settings.AllowOutgoingSipUriDialing;
        bridge.WebBridgeUri = string.IsNullOrWhiteSpace(settings.WebBridgeUri) ? null : settings.WebBridgeUri.Trim();
        bridge.TimeZone = settings.TimeZone ?? bridge.TimeZone;
        bridge.PlaceholderPrefix = settings.PlaceholderPrefix ?? bridge.PlaceholderPrefix;
        bridge.PreferredNodeId = settings.PreferredNodeId;
        bridge.Version++;
        await tickets.CheckSettingsAsync(bridge, ct);
        // Provision when the extended settings become complete (in whatever order they were given), when
        // the range changes, and again after a failure when the settings are saved.
        var provision = bridge.NumericIdBase is not null && bridge.NumericIdQuantity is not null && bridge.Domain is not null
            && (rangeChanges || bridge.Provisioning is ProvisioningState.NotConfigured or ProvisioningState.Failed);
        if (provision)
        {
            bridge.Provisioning = ProvisioningState.Pending;
            bridge.ProvisioningError = null;
        }
        await db.SaveChangesAsync(ct);
        if (provision)
        {
            provisioner.Queue(bridge.Id);
        }
        return bridge;
    }

    /// <summary>Runs provisioning again for the current range (after a failure, or to repair spaces
    /// removed on the bridge). Refused while a meeting runs: a re-sync remakes the spaces.</summary>
    public async Task<Bridge> ReprovisionAsync(Guid id, CancellationToken ct)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw ProblemException.BridgeNotFound(id);
        if (bridge.NumericIdBase is not { } start || bridge.NumericIdQuantity is not { } count || bridge.Domain is null)
        {
            throw new ProblemException(409, "Set the domain, numeric ID base and numeric ID quantity first.", type: "range-not-set");
        }
        await RefuseWhileInUseAsync(bridge, start, count, ct);
        bridge.Provisioning = ProvisioningState.Pending;
        bridge.ProvisioningError = null;
        await db.SaveChangesAsync(ct);
        provisioner.Queue(bridge.Id);
        return bridge;
    }

    /// <summary>The largest numeric ID: a bulk sync's <c>startIndex</c>/<c>endIndex</c> are 32-bit
    /// (0 to 2,147,483,647; API reference, <c>coSpaceBulkParameterSets</c>), and the IDs are its indexes.</summary>
    public const long MaxNumericId = int.MaxValue;

    private Dictionary<string, string[]> Check(BridgeSettings s, Bridge bridge)
    {
        var errors = new Dictionary<string, string[]>();
        if (s.Name is { } name && (name.Trim().Length > 200 || name.Any(char.IsControl)))
        {
            errors["name"] = ["The name must be at most 200 characters, without control characters."];
        }
        if (!string.IsNullOrWhiteSpace(s.Domain) && !DomainName().IsMatch(s.Domain.Trim()))
        {
            errors["domain"] = [$"'{ProblemException.Quote(s.Domain)}' is not a domain name such as video.example.com."];
        }
        if (s.NumericIdBase is < 1 or > MaxNumericId)
        {
            errors["numericIdBase"] = [$"The numeric ID base must be between 1 and {MaxNumericId}."];
        }
        var max = placeholderOptions.Value.MaxQuantity;
        if (s.NumericIdQuantity is < 1 || s.NumericIdQuantity > max)
        {
            errors["numericIdQuantity"] = [$"The numeric ID quantity must be between 1 and {max}."];
        }
        else if (s.NumericIdBase is >= 1 and <= MaxNumericId && s.NumericIdQuantity is { } count && s.NumericIdBase + count - 1 > MaxNumericId)
        {
            errors["numericIdQuantity"] = [$"The numeric IDs {s.NumericIdBase}–{s.NumericIdBase + count - 1} go past {MaxNumericId}, the largest a CMS bulk sync takes: at most {MaxNumericId - s.NumericIdBase + 1} from this base."];
        }
        if (s.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
        {
            errors["timeZone"] = [$"'{ProblemException.Quote(s.TimeZone, 60)}' is not an IANA time zone such as Europe/Lisbon."];
        }
        if (s.WebBridgeUri is { Length: > 0 } uri && !(uri.Length <= 300 && Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme == "https"))
        {
            errors["webBridgeUri"] = [$"'{ProblemException.Quote(uri)}' is not an https address of a web bridge."];
        }
        if (s.PlaceholderPrefix is not null && (s.PlaceholderPrefix.Length is 0 or > 100 || s.PlaceholderPrefix.Contains('$', StringComparison.Ordinal)
            || s.PlaceholderPrefix.Any(char.IsControl)))
        {
            errors["placeholderPrefix"] = ["The placeholder name prefix must be 1 to 100 characters, without '$' or control characters."];
        }
        if (s.PreferredNodeId is { } node && bridge.Nodes.All(n => n.Id != node))
        {
            errors["preferredNodeId"] = [$"The preferred node {node} is not a node of this bridge."];
        }
        return errors;
    }

    private async Task RefuseOverlapAsync(Bridge bridge, long start, int count, CancellationToken ct)
    {
        var end = start + count - 1;
        var other = await db.Bridges.Where(b => b.Id != bridge.Id && b.NumericIdBase != null && b.NumericIdQuantity != null
                && b.NumericIdBase <= end && b.NumericIdBase + b.NumericIdQuantity - 1 >= start)
            .Select(b => new { b.Name, b.Address, b.NumericIdBase, b.NumericIdQuantity }).FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            throw new ProblemException(409, $"The numeric IDs {start}–{end} overlap those of {other.Name ?? other.Address} ({other.NumericIdBase}–{other.NumericIdBase + other.NumericIdQuantity - 1}).",
                type: "range-overlap");
        }
    }

    /// <summary>A re-sync makes the set's spaces anew, which would end a running meeting; and a booked or
    /// running meeting must keep its numeric ID.</summary>
    private async Task RefuseWhileInUseAsync(Bridge bridge, long start, int count, CancellationToken ct)
    {
        if (bridge.ProvisionedBase is null)
        {
            return;
        }
        var end = start + count - 1;
        var blocking = await db.Meetings.Where(m => m.BridgeId == bridge.Id
                && (Meeting.LiveStates.Contains(m.State) || (m.State == MeetingState.Booked && m.NumericId != null && (m.NumericId < start || m.NumericId > end))))
            .OrderBy(m => m.StartUtc).Select(m => new { m.Title, m.State, m.NumericId }).FirstOrDefaultAsync(ct);
        if (blocking is not null)
        {
            throw new ProblemException(409, Meeting.LiveStates.Contains(blocking.State)
                    ? $"The range cannot change while \"{blocking.Title}\" is running: re-provisioning remakes the placeholder spaces."
                    : $"The range cannot change: \"{blocking.Title}\" is booked in placeholder {blocking.NumericId}, which the new range would remove.",
                type: "range-in-use");
        }
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex DomainName();
}
