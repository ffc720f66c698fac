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

/// <summary>What a user may do: Viewers read, Operators also run meetings, Administrators also manage bridges and users.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    Viewer,
    Operator,
    Administrator,
}
