using System.Text.Json.Serialization;

namespace Convene.Accounts;

/// <summary>Someone who signs in to Convene.</summary>
public sealed class User
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    public required string PasswordHash { get; set; }

    public Role Role { get; set; }
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
