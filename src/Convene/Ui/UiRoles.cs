using System.Security.Claims;
using Convene.Accounts;

namespace Convene.Ui;

/// <summary>The signed-in user's role as the pages see it (the claim <see cref="SignIn.Principal"/> writes from
/// the user's current row). Roles are ordered: Booker &lt; Viewer &lt; Operator &lt; Administrator.</summary>
public static class UiRoles
{
    /// <summary>The user's role; null when nobody is signed in or the claim is missing.</summary>
    public static Role? RoleOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    /// <summary>Whether the user holds <paramref name="least"/> or a higher role.</summary>
    public static bool Has(ClaimsPrincipal? user, Role least) => RoleOf(user) is { } role && role >= least;
}
