using System.Globalization;
using System.Net;
using System.Text;

namespace Convene.Cms.Protocol;

/// <summary>An <c>application/x-www-form-urlencoded</c> body in the order parameters were added.
/// Its <see cref="ToString"/> is for logs: passcodes and secrets are masked there, as CMS masks them.</summary>
internal sealed class FormBody
{
    private static readonly HashSet<string> Masked = new(StringComparer.OrdinalIgnoreCase) { "passcode", "secret" };
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public int Count => _pairs.Count;

    public FormBody Add(string name, string? value)
    {
        if (value is not null)
        {
            _pairs.Add(new(name, value));
        }
        return this;
    }

    public FormBody Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public FormBody Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public FormBody Add<T>(string name, CmsParam<T> value)
    {
        if (value.IsClear)
        {
            return Add(name, "");
        }
        if (!value.IsSet)
        {
            return this;
        }
        return value.Value switch
        {
            bool b => Add(name, b),
            int i => Add(name, (long)i),
            long l => Add(name, l),
            Enum e => Add(name, CmsEnum.ToWire(e)),
            IFormattable f => Add(name, f.ToString(null, CultureInfo.InvariantCulture)),
            var other => Add(name, other?.ToString()),
        };
    }

    public string Encode() => Join(mask: false);

    public override string ToString() => Join(mask: true);

    private string Join(bool mask)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _pairs)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }
            text.Append(WebUtility.UrlEncode(name)).Append('=');
            text.Append(mask && Masked.Contains(name) ? "*****" : WebUtility.UrlEncode(value));
        }
        return text.ToString();
    }
}

/// <summary>Enum values go on the wire in camelCase, as CMS writes them (<c>allEqual</c>, <c>speakerOnly</c>).</summary>
internal static class CmsEnum
{
    public static string ToWire(Enum value)
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    public static T? Parse<T>(string? text) where T : struct, Enum =>
        text is not null && Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : null;
}
