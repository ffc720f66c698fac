using System.Globalization;
using System.Text;

namespace Convene.Accounts;

/// <summary>The rules for user names: 1 to 100 characters after trimming; no <c>:</c> (HTTP Basic splits
/// user name and password at the first colon, RFC 7617 §2); no control, format (zero-width, bidirectional),
/// separator, surrogate, private-use or unassigned characters, which make two names look alike.</summary>
public static class UserNames
{
    public const int MaxLength = 100;

    /// <summary>Why the name is not acceptable, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return $"A user name of 1 to {MaxLength} characters is required.";
        }
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return "A user name cannot contain ':' (HTTP Basic sign-in splits at it).";
        }
        // A lone surrogate enumerates as U+FFFD, so it is refused here.
        foreach (var rune in trimmed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune == Rune.ReplacementChar)
            {
                return $"A user name cannot contain U+{rune.Value:X4} (control, invisible or direction-changing characters are refused).";
            }
        }
        return null;
    }

    /// <summary>The name as stored: trimmed.</summary>
    public static string Clean(string name) => name.Trim();

    /// <summary>The key names are unique by: upper-cased with Unicode's simple case mapping. (Convene runs
    /// with invariant globalization, where string.Normalize does nothing, so full-width and other
    /// compatibility forms are not folded.)</summary>
    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
