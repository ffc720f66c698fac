using System.Security.Claims;
using Convene.Accounts;

namespace Convene.Meetings;

/// <summary>The signed-in user a meetings request comes from.</summary>
public sealed record Caller(Guid UserId, string UserName, Role Role)
{
    /// <summary>Operators and Administrators book for anyone and change any meeting.</summary>
    public bool MayActForOthers => Role >= Role.Operator;

    /// <summary>Viewers and above read every meeting; a Booker only their own.</summary>
    public bool ReadsAll => Role >= Role.Viewer;

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.Identity?.Name ?? "",
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : Role.Booker);

    /// <summary>May this caller see the meeting?</summary>
    public bool MaySee(Meeting meeting) => ReadsAll || meeting.OrganizerId == UserId;

    /// <summary>May this caller change or cancel the meeting?</summary>
    public bool MayChange(Meeting meeting) => MayActForOthers || meeting.OrganizerId == UserId;
}
