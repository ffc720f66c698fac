using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Convene.Cms.Protocol;

/// <summary>Safe reading of CMS answers: no DTDs, no entity expansion, no external resolution, a size
/// cap; and typed access to child elements that may be absent. A real CMS writes an unset value as an
/// empty element (<c>&lt;uniqueName/&gt;</c>, <c>&lt;passcode&gt;&lt;/passcode&gt;</c>, whitespace only):
/// absent, empty and whitespace-only all read as null, for text, numbers, booleans, times and enums alike.</summary>
internal static class CmsXml
{
    public static XElement Parse(string text, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XElement.Load(reader);
    }

    public static string Id(this XElement element) =>
        Value(element.Attribute("id")) is { } id ? id.Trim() : throw new FormatException($"<{element.Name.LocalName}> has no id attribute.");

    /// <summary>The element's text; null when it is absent, empty or only whitespace (CMS's "not set").</summary>
    public static string? Value(XElement? element) => element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value;

    /// <summary>The attribute's text; null when it is absent, empty or only whitespace.</summary>
    public static string? Value(XAttribute? attribute) => attribute is null || string.IsNullOrWhiteSpace(attribute.Value) ? null : attribute.Value;

    /// <summary>The text of child <paramref name="name"/>, or null when it is absent or unset.</summary>
    public static string? Text(this XElement element, string name) => Value(element.Element(name));

    /// <summary>The text of attribute <paramref name="name"/>, or null when it is absent or unset.</summary>
    public static string? Attr(this XElement element, string name) => Value(element.Attribute(name));

    public static bool? Bool(this XElement element, string name) => Trimmed(element, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw new FormatException($"<{name}> is '{other}', not true or false."),
    };

    public static int? Int(this XElement element, string name) => (int?)Number(element, name, int.MinValue, int.MaxValue);

    public static long? Long(this XElement element, string name) => Number(element, name, long.MinValue, long.MaxValue);

    public static double? Double(this XElement element, string name)
    {
        var text = Trimmed(element, name);
        if (text is null)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a number.");
    }

    public static DateTimeOffset? Time(this XElement element, string name)
    {
        var text = Trimmed(element, name);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a time.");
    }

    public static T? Enum<T>(this XElement element, string name) where T : struct, System.Enum => CmsEnum.Parse<T>(Trimmed(element, name));

    /// <summary>A whole number of seconds as a duration (<c>durationSeconds</c>, <c>deactivationModeTime</c>).</summary>
    public static TimeSpan? Seconds(this XElement element, string name) => Long(element, name) is { } s ? TimeSpan.FromSeconds(s) : null;

    private static string? Trimmed(XElement element, string name) => Text(element, name)?.Trim();

    private static long? Number(XElement element, string name, long min, long max)
    {
        var text = Trimmed(element, name);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a whole number in range.");
    }
}
