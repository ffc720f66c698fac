using System.Globalization;
using System.Text;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Data;

/// <summary>
/// A bulk parameter set mapping: literal text, at most one <c>$index$</c>, literal text, with
/// <c>\$</c> for a dollar and <c>\\</c> for a backslash (CMS 2.0 API guide). A mapping sent without the
/// placeholder gets the index appended when the simulator is set to (the seed's placeholders).
/// </summary>
internal readonly record struct BulkMapping(string Prefix, string Suffix, bool HasIndex)
{
    private const string Placeholder = "$index$";

    public static BulkMapping Parse(string parameter, string text)
    {
        var prefix = new StringBuilder();
        var suffix = new StringBuilder();
        var hasIndex = false;
        for (var i = 0; i < text.Length; i++)
        {
            var target = hasIndex ? suffix : prefix;
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '\\')
            {
                target.Append(text[++i]);
            }
            else if (string.CompareOrdinal(text, i, Placeholder, 0, Placeholder.Length) == 0)
            {
                if (hasIndex)
                {
                    throw CmsFailure.BadParameter(parameter);
                }
                hasIndex = true;
                i += Placeholder.Length - 1;
            }
            else
            {
                target.Append(text[i]);
            }
        }
        return new BulkMapping(prefix.ToString(), suffix.ToString(), hasIndex);
    }

    /// <summary>The value for one index, or null when this mapping yields none.</summary>
    public string? Expand(int index, bool appendIndex)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        if (HasIndex)
        {
            return Prefix + number + Suffix;
        }
        return appendIndex ? Prefix + number : Prefix.Length == 0 ? null : Prefix;
    }

    /// <summary>Refuses a mapping that cannot give valid values: a URI with <c>@</c> or spaces, a call ID
    /// that is not digits.</summary>
    public static void Validate(string parameter, string text)
    {
        var mapping = Parse(parameter, text);
        var literal = mapping.Prefix + mapping.Suffix;
        var bad = parameter switch
        {
            "coSpaceUriMapping" => literal.Contains('@') || literal.Any(char.IsWhiteSpace),
            "coSpaceCallIdMapping" => !literal.All(char.IsAsciiDigit),
            _ => false,
        };
        if (bad)
        {
            throw CmsFailure.BadParameter(parameter);
        }
    }
}
