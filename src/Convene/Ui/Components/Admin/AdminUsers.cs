using System.Security.Claims;

namespace Convene.Ui.Components.Admin;

/// <summary>Small helpers of the users pages.</summary>
public static class AdminUsers
{
    /// <summary>The id of the signed-in user, or null.</summary>
    public static Guid? Me(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
