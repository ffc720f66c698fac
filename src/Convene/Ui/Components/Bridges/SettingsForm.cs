using System.Globalization;
using Convene.Bridges;

namespace Convene.Ui.Components.Bridges;

/// <summary>The Settings tab's form: the <see cref="BridgeSettings"/> an administrator edits, as typed, and the bridge's
/// version the form was filled from (a save over a newer version is a 409).</summary>
public sealed class SettingsForm
{
    public uint Version { get; set; }

    public string? Name { get; set; }

    public string? Domain { get; set; }

    public string? NumericIdBase { get; set; }

    public string? NumericIdQuantity { get; set; }

    public bool AllowBooking { get; set; } = true;

    public bool AllowIncomingSipUriDialing { get; set; } = true;

    public bool AllowOutgoingSipUriDialing { get; set; } = true;

    public string? WebBridgeUri { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>The form filled from the bridge as it is.</summary>
    public static SettingsForm Of(Bridge b) => new()
    {
        Version = b.Version,
        Name = b.Name,
        Domain = b.Domain,
        NumericIdBase = b.NumericIdBase?.ToString(CultureInfo.InvariantCulture),
        NumericIdQuantity = b.NumericIdQuantity?.ToString(CultureInfo.InvariantCulture),
        AllowBooking = b.AllowBooking,
        AllowIncomingSipUriDialing = b.AllowIncomingSipUriDialing,
        AllowOutgoingSipUriDialing = b.AllowOutgoingSipUriDialing,
        WebBridgeUri = b.WebBridgeUri,
        TimeZone = b.TimeZone,
    };

    /// <summary>The settings as typed (a blank field clears its setting; the time zone stays when blank); throws the
    /// API's field errors (400, <c>invalid-settings</c>) for numbers that are not whole numbers.</summary>
    public BridgeSettings ToSettings()
    {
        var errors = new Dictionary<string, string[]>();
        var start = Number("numericIdBase", NumericIdBase, "numeric ID base", errors);
        var count = Number("numericIdQuantity", NumericIdQuantity, "numeric ID quantity", errors);
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors, "The settings are not valid.", "invalid-settings");
        }
        return new BridgeSettings(Name, Domain, start, count is null ? null : (int?)count, AllowBooking, AllowIncomingSipUriDialing,
            AllowOutgoingSipUriDialing, WebBridgeUri, string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim());
    }

    private static long? Number(string field, string? text, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (field != "numericIdQuantity" || value <= int.MaxValue))
        {
            return value;
        }
        errors[field] = [$"The {label} must be a whole number such as 80000."];
        return null;
    }
}
