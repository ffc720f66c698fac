using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary>
/// The mapping of <see cref="MeetingsOptions.OwnerJid"/>: organizer user name → CMS user JID (<c>user@domain</c>),
/// sent as the space's <c>ownerJid</c> (CMS API reference §1.6, from 2.0). CMS refuses a JID that names no user of
/// its own (<c>userDoesNotExist</c>; reference §1.6 as corrected in the Lifecycle README), so the engine then opens the
/// space without an owner.
/// </summary>
public static class OwnerJidFormat
{
    /// <summary>The one placeholder a format may hold.</summary>
    public const string UserName = "{userName}";

    /// <summary>Why <paramref name="format"/> is not a usable mapping, or null when it is (or is off).</summary>
    public static string? Problem(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return null;
        }
        var parts = format.Split(UserName);
        if (parts.Length != 2)
        {
            return $"Convene:Meetings:OwnerJid must contain {UserName} exactly once (for instance {UserName}@example.com); it is \"{format}\".";
        }
        if (format.Replace(UserName, "", StringComparison.Ordinal).IndexOfAny(['{', '}']) >= 0)
        {
            return $"Convene:Meetings:OwnerJid may hold no placeholder but {UserName}; it is \"{format}\".";
        }
        if (!format.Contains('@', StringComparison.Ordinal) && format != UserName)
        {
            return $"Convene:Meetings:OwnerJid must make a JID user@domain (for instance {UserName}@example.com), or be just {UserName} when user names are JIDs; it is \"{format}\".";
        }
        return IsJid(format.Replace(UserName, "user", StringComparison.Ordinal)) || format == UserName ? null
            : $"Convene:Meetings:OwnerJid must make a JID user@domain with one @, no spaces and a domain; \"{format}\" makes \"{format.Replace(UserName, "user", StringComparison.Ordinal)}\".";
    }

    /// <summary>The organizer's JID by <paramref name="format"/>; null when the mapping is off, there is no organizer,
    /// or the result is not a JID (a user name with a space or an @ that the format does not expect).</summary>
    public static string? Map(string? format, string? userName)
    {
        if (string.IsNullOrWhiteSpace(format) || string.IsNullOrWhiteSpace(userName))
        {
            return null;
        }
        var jid = format.Replace(UserName, userName.Trim().ToLowerInvariant(), StringComparison.Ordinal);
        return IsJid(jid) ? jid : null;
    }

    private static bool IsJid(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace) && text.Length <= 254;
    }
}

/// <summary>Refuses a <see cref="MeetingsOptions.OwnerJid"/> that makes no JID, at start-up, naming what is wrong.</summary>
internal sealed class OwnerJidValidation : IValidateOptions<MeetingsOptions>
{
    public ValidateOptionsResult Validate(string? name, MeetingsOptions options) =>
        OwnerJidFormat.Problem(options.OwnerJid) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
