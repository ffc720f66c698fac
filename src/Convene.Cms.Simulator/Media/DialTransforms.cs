using System.Text;
using System.Text.RegularExpressions;
using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// Dial transforms (API reference, "Dial Transforms"): before the outbound dial plan rules, the dialled
/// address is rewritten by the highest-priority transform whose <c>match</c> holds. A transform's
/// <c>type</c> splits the address into components (<c>raw</c>: $1 is the address; <c>strip</c>: $1 is
/// the address without dots, dashes and spaces); <c>match</c> is AND'd <c>($N/regex/)</c> terms (empty
/// matches all); <c>transform</c> is literal text with <c>$N</c> references, each optionally followed by
/// <c>{}</c> or substitutions <c>{/regex/replacement/}</c> applied in turn (<c>\1</c> is a capture group).
/// </summary>
internal static class DialTransforms
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The address after the first matching transform, or null when a <c>deny</c> transform matches.</summary>
    public static string? Apply(IEnumerable<CmsObject> transforms, string address)
    {
        foreach (var transform in transforms.OrderByDescending(Priority))
        {
            try
            {
                if (Components(transform["type"] ?? "raw", address) is not { } components || !Matches(transform["match"], components))
                {
                    continue;
                }
                return transform["action"] == "deny" ? null : Rewrite(transform["transform"], components);
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological expression on this address: the transform is passed over, as if it did not match.
            }
        }
        return address;
    }

    /// <summary>Checks the grammar of <c>match</c> and <c>transform</c>; false when either cannot be used.</summary>
    public static bool IsValidMatch(string match) => TryParseMatch(match, out _);

    public static bool IsValidTransform(string transform)
    {
        try
        {
            Rewrite(transform, ["x", "y"]);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static long Priority(CmsObject transform) => long.TryParse(transform["priority"], out var p) ? p : 0;

    /// <summary>The components of the address, or null when the type does not apply. <c>phone</c> needs
    /// a numbering plan the simulator does not have: it never applies (README choices).</summary>
    private static string[]? Components(string type, string address) => type switch
    {
        "raw" => [address],
        "strip" => [string.Concat(address.Where(c => c is not ('.' or '-' or ' ')))],
        _ => null,
    };

    private static bool Matches(string? match, string[] components)
    {
        if (!TryParseMatch(match ?? "", out var terms))
        {
            return false;
        }
        return terms.All(t => t.Component <= components.Length && Regex.IsMatch(components[t.Component - 1], t.Pattern, RegexOptions.None, RegexTimeout));
    }

    private static bool TryParseMatch(string match, out List<(int Component, string Pattern)> terms)
    {
        terms = [];
        var at = 0;
        while (at < match.Length)
        {
            if (char.IsWhiteSpace(match[at]))
            {
                at++;
                continue;
            }
            if (match[at] != '(' || at + 2 >= match.Length || match[at + 1] != '$')
            {
                return false;
            }
            var slash = match.IndexOf('/', at);
            var close = match.IndexOf("/)", slash + 1, StringComparison.Ordinal);
            if (slash < 0 || close < 0 || !int.TryParse(match.AsSpan(at + 2, slash - at - 2), out var component) || component < 1)
            {
                return false;
            }
            var pattern = match[(slash + 1)..close];
            try
            {
                _ = new Regex(pattern, RegexOptions.None, RegexTimeout);
            }
            catch (ArgumentException)
            {
                return false;
            }
            terms.Add((component, pattern));
            at = close + 2;
        }
        return true;
    }

    private static string Rewrite(string? transform, string[] components)
    {
        if (string.IsNullOrEmpty(transform))
        {
            return components[0];
        }
        var output = new StringBuilder();
        var at = 0;
        while (at < transform.Length)
        {
            var c = transform[at];
            if (c != '$' || at + 1 >= transform.Length || !char.IsAsciiDigit(transform[at + 1]))
            {
                output.Append(c);
                at++;
                continue;
            }
            var index = transform[at + 1] - '0';
            at += 2;
            var value = index >= 1 && index <= components.Length ? components[index - 1] : "";
            while (at < transform.Length && transform[at] == '{')
            {
                var end = transform.IndexOf('}', at);
                if (end < 0)
                {
                    throw new FormatException("A '{' in the transform is not closed.");
                }
                var body = transform[(at + 1)..end];
                if (body.Length > 0)
                {
                    var parts = body.Split('/');
                    if (parts.Length != 4 || parts[0].Length != 0 || parts[3].Length != 0)
                    {
                        throw new FormatException("A substitution must read {/regex/replacement/}.");
                    }
                    var replacement = Regex.Replace(parts[2].Replace("$", "$$", StringComparison.Ordinal), @"\\(\d)", "$$$1");
                    value = Regex.Replace(value, parts[1], replacement, RegexOptions.None, RegexTimeout);
                }
                at = end + 1;
            }
            output.Append(value);
        }
        return output.ToString();
    }
}
