using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Convene.Cms.Protocol;

/// <summary>Safe reading of CMS answers: no DTDs, no entity expansion, no external resolution, a size
/// cap; and typed access to child elements that may be absent (absent → null).</summary>
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
        element.Attribute("id")?.Value is { Length: > 0 } id ? id : throw new FormatException($"<{element.Name.LocalName}> has no id attribute.");

    public static string? Text(this XElement element, string name) => element.Element(name)?.Value;

    public static bool? Bool(this XElement element, string name) => element.Element(name)?.Value.Trim() switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        var other => throw new FormatException($"<{name}> is '{other}', not true or false."),
    };

    public static int? Int(this XElement element, string name) => (int?)Number(element, name, int.MinValue, int.MaxValue);

    public static long? Long(this XElement element, string name) => Number(element, name, long.MinValue, long.MaxValue);

    public static double? Double(this XElement element, string name)
    {
        var text = element.Element(name)?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a number.");
    }

    public static DateTimeOffset? Time(this XElement element, string name)
    {
        var text = element.Element(name)?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a time.");
    }

    public static T? Enum<T>(this XElement element, string name) where T : struct, System.Enum => CmsEnum.Parse<T>(element.Element(name)?.Value.Trim());

    private static long? Number(XElement element, string name, long min, long max)
    {
        var text = element.Element(name)?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"<{name}> is '{text}', not a whole number in range.");
    }
}
