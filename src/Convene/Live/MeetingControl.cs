using System.Security.Claims;
using Convene.Meetings;

namespace Convene.Live;

/// <summary>Who may control a meeting's participants: Operators and Administrators any meeting; a Booker only the
/// meetings they organise (<see cref="Meeting.OrganizerId"/>); a Viewer none.</summary>
public static class MeetingControl
{
    /// <summary>Null when <paramref name="user"/> may control <paramref name="meeting"/>; else the status to answer:
    /// 403 for a Viewer, 404 for another's meeting (a Booker does not see it).</summary>
    public static int? Refusal(ClaimsPrincipal user, Meeting meeting)
    {
        var role = user.FindFirstValue(ClaimTypes.Role);
        if (role is "Operator" or "Administrator")
        {
            return null;
        }
        if (role is null or "Viewer")
        {
            return StatusCodes.Status403Forbidden;
        }
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && meeting.OrganizerId == id ? null : StatusCodes.Status404NotFound;
    }
}
