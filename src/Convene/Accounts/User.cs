using System.Text.Json.Serialization;

namespace Convene.Accounts;

/// <summary>Someone who signs in to Convene.</summary>
public sealed class User
{
    public Guid Id { get; set; }

    /// <summary>As the user was created (trimmed); see <see cref="UserNames"/> for the rules.</summary>
    public required string UserName { get; set; }

    /// <summary><see cref="UserNames.Normalize"/> of the name: unique, so names differing only in case collide.</summary>
    public required string NormalizedUserName { get; set; }

    public required string PasswordHash { get; set; }

    public Role Role { get; set; }

    /// <summary>A disabled user cannot sign in, and every session of theirs ends at once.</summary>
    public bool Disabled { get; set; }

    /// <summary>Changed whenever what a signed-in principal holds must stop being trusted: a role change,
    /// disabling, a new password, or signing out everywhere. Cookies and cached Basic sign-ins carry it.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Until when sign-in is refused after too many failures; null when not locked.</summary>
    public DateTimeOffset? LockedUntilUtc { get; set; }

    /// <summary>The IANA time zone (tzdb id, for example <c>Europe/Oslo</c>) the web UI shows times and books in for this
    /// user; null: the server's zone. Set by the user (<c>PUT /api/account/time-zone</c>, the account page).</summary>
    public string? TimeZone { get; set; }

    /// <summary>Optimistic concurrency token: two edits of one user from the same read end in 409.</summary>
    public Guid Version { get; set; }

    /// <summary>A fresh random security stamp.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>One cookie sign-in, so that logging out ends exactly that cookie (a copy of it too).</summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
}

/// <summary>What a user may do, in order: Bookers book and see only their own meetings, Viewers also read
/// everything, Operators also book for anyone and run any meeting, Administrators also manage bridges and users.
/// The stored values of the older roles stay (Viewer 0, Operator 1, Administrator 2); Booker sorts below them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Books meetings, and sees and changes only the ones they organise.</summary>
    Booker = -1,
    Viewer = 0,
    Operator,
    Administrator,
}
