using System.Text.RegularExpressions;

namespace Convene.Ui.Components.Bridges;

/// <summary>Masks secrets in logged CMS requests as CMS masks them in its own API trace: <c>passcode=*****</c>
/// (the seed's traces), and a password alike, in a query or form body.</summary>
public static partial class LogMasking
{
    /// <summary>The text with every <c>passcode=…</c>, <c>password=…</c> (and their <c>…Passcode</c>/<c>…Password</c> kin,
    /// e.g. <c>guestPasscode</c>) value replaced by <c>*****</c>.</summary>
    public static string Mask(string text) => Secret().Replace(text, "${name}=*****");

    [GeneratedRegex(@"(?<name>\b\w*(?:passcode|password)\w*)=[^&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
