using System.Globalization;
using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary>Reads the children of one CDR element by name and remembers which it read, so the rest can be
/// kept as <see cref="CmsCdrRecord.Extra"/>. Empty or whitespace-only text is null, as for API answers.
/// A value that is present but not of its type throws <see cref="FormatException"/>, which makes the
/// record malformed (not the batch).</summary>
internal sealed class CdrElementReader(XElement element)
{
    private readonly HashSet<string> _read = [];

    public XElement Element => element;

    /// <summary>The <c>id</c> attribute, which CMS puts on the inner element (CDR guide §4: "conveyed as an
    /// 'id' attribute within the '&lt;callLeg&gt;' tag").</summary>
    public string Id() => Clean(element.Attribute("id")?.Value)
        ?? throw new FormatException($"<{element.Name.LocalName}> has no id attribute");

    public XElement? Child(string name)
    {
        _read.Add(name);
        return element.Element(name);
    }

    public IReadOnlyList<XElement> Children(string name)
    {
        _read.Add(name);
        return element.Elements(name).ToList();
    }

    /// <summary>True when the element is there, even empty (<c>&lt;ivr/&gt;</c> is a flag).</summary>
    public bool Has(string name) => Child(name) is not null;

    public string? Text(string name) => Clean(Child(name)?.Value);

    /// <summary>The first of several spellings that is present (Cisco's documents and bridges differ on case).</summary>
    public string? Text(string name, string alternative) => Text(name) ?? Text(alternative);

    public bool? Bool(string name) => ParseBool(Text(name), name);

    public long? Long(string name) => ParseLong(Text(name), name);

    public int? Int(string name) => ParseLong(Text(name), name) is { } value
        ? value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FormatException($"<{name}> is '{value}', out of range")
        : null;

    public double? Double(string name) => ParseDouble(Text(name), $"<{name}>");

    /// <summary>Children not read, in document order, as detached copies.</summary>
    public IReadOnlyList<XElement> Unread() =>
        element.Elements().Where(e => !_read.Contains(e.Name.LocalName)).Select(e => new XElement(e)).ToList();

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static double? ParseDouble(string? text, string what)
    {
        text = Clean(text);
        if (text is null)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{what} is '{text}', not a number");
    }

    public static long? ParseLong(string? text, string name)
    {
        text = Clean(text);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a whole number");
    }

    // The 2.0 guide writes "a value of True" for guestConnection; bridges write lower case. Both are accepted.
    private static bool? ParseBool(string? text, string name) => text?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" => true,
        "FALSE" => false,
        _ => throw new FormatException($"<{name}> is '{text}', not true or false"),
    };
}
