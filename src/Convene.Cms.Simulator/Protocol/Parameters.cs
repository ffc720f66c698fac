using System.Globalization;
using System.Net;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// Name/value pairs from a query string or an <c>application/x-www-form-urlencoded</c> body,
/// matched by name case-insensitively as CMS does. An empty value (<c>name=</c>) is kept: on a PUT it
/// clears the parameter. Empty pairs, such as the leading <c>&amp;</c> TMS sends, are skipped.
/// </summary>
internal sealed class Parameters
{
    public static readonly Parameters None = new([]);

    private readonly List<KeyValuePair<string, string>> _pairs;

    private Parameters(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public int Count => _pairs.Count;

    public static Parameters Parse(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("?"))
        {
            text = text[1..];
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var range in text.Split('&'))
        {
            var pair = text[range].Trim("\r\n");
            if (pair.IsEmpty)
            {
                continue;
            }
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? [] : pair[(eq + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }
        return new Parameters(pairs);
    }

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The last value given for <paramref name="name"/>, or null when it was not sent.</summary>
    public string? Get(string name)
    {
        string? value = null;
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
            }
        }
        return value;
    }

    public string? GetNonEmpty(string name) => Get(name) is { Length: > 0 } value ? value : null;

    public int? GetInt(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = GetNonEmpty(name);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw CmsFailure.BadParameter(name);
        }
        return value;
    }

    public bool? GetBool(string name)
    {
        var text = GetNonEmpty(name);
        return text is null ? null : ParseBool(name, text);
    }

    public static bool ParseBool(string name, string text) =>
        text.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw CmsFailure.BadParameter(name),
        };

    private int IndexOf(string name) =>
        _pairs.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    private static string Decode(ReadOnlySpan<char> text) =>
        text.IndexOfAny('%', '+') < 0 ? text.ToString() : WebUtility.UrlDecode(text.ToString());
}
