using System.Text.Json;
using System.Text.Json.Nodes;

namespace Convene.Bridges;

/// <summary>
/// Reads the settings a PUT or PATCH sends. A PUT replaces the settings, so it must name every setting
/// that has no default (send null to clear one); a PATCH changes only what it names and keeps the rest.
/// Both end as a complete <see cref="BridgeSettings"/> that the editor checks as one.
/// </summary>
internal static class BridgeSettingsBody
{
    /// <summary>The settings a PUT must carry: those of <see cref="BridgeSettings"/> without a default.</summary>
    public static readonly string[] Required = ["name", "domain", "numericIdBase", "numericIdQuantity"];

    private static readonly string[] Known = [.. Required, "allowBooking", "allowIncomingSipUriDialing", "allowOutgoingSipUriDialing",
        "webBridgeUri", "timeZone", "placeholderPrefix", "preferredNodeId"];

    private static readonly string[] NoSuchSetting = ["There is no such setting."];

    private static readonly string[] MissingFromPut = [$"Missing: a PUT names every one of {Names([.. Required])} (send null to clear one), or use PATCH to change only some."];

    public static BridgeSettings Replacement(JsonElement body)
    {
        var sent = Properties(body);
        var missing = Required.Where(r => !sent.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw ProblemException.Invalid(missing.ToDictionary(m => m, _ => MissingFromPut),
                $"The settings lack {Names(missing)}: a PUT replaces every setting.", "missing-settings");
        }
        return Read(JsonSerializer.SerializeToNode(body)!);
    }

    public static BridgeSettings Changes(JsonElement body, Bridge bridge)
    {
        var sent = Properties(body);
        var unknown = sent.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw ProblemException.Invalid(unknown.ToDictionary(u => ProblemException.Quote(u, 60), _ => NoSuchSetting), "The changes name a setting that does not exist.", "invalid-settings");
        }
        var current = JsonSerializer.SerializeToNode(Current(bridge), JsonSerializerOptions.Web)!.AsObject();
        foreach (var (name, value) in sent)
        {
            current[name] = JsonSerializer.SerializeToNode(value);
        }
        return Read(current);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string Names(List<string> names) => names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";

    public static BridgeSettings Current(Bridge b) => new(b.Name, b.Domain, b.NumericIdBase, b.NumericIdQuantity, b.AllowBooking,
        b.AllowIncomingSipUriDialing, b.AllowOutgoingSipUriDialing, b.WebBridgeUri, b.TimeZone, b.PlaceholderPrefix, b.PreferredNodeId);

    /// <summary>The body's properties by their camelCase names (the JSON names are read without regard to case).</summary>
    private static Dictionary<string, JsonElement> Properties(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ProblemException.Invalid("body", "The settings are a JSON object.", "invalid-settings");
        }
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var known = Known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            properties[known ?? property.Name] = property.Value;
        }
        return properties;
    }

    private static BridgeSettings Read(JsonNode node)
    {
        try
        {
            return node.Deserialize<BridgeSettings>(JsonSerializerOptions.Web)!;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            throw ProblemException.Invalid(field, $"'{ProblemException.Quote(field, 60)}' does not have the type expected.", "invalid-settings");
        }
    }
}
