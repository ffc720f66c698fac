namespace Convene.Accounts;

/// <summary>What a password must be: 10 to 256 characters and not the user name.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>Why the password is not acceptable for the user, or null when it is.</summary>
    public static string? Problem(string? password, string? userName)
    {
        if (password is null || password.Length is < MinLength or > MaxLength)
        {
            return $"A password of {MinLength} to {MaxLength} characters is required.";
        }
        if (userName is not null && string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password cannot be the user name.";
        }
        return null;
    }
}
