using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>Cookie sessions kept server-side: the cookie names its session and carries the user's
/// security stamp, and every request is checked against both, so logging out, signing out everywhere,
/// disabling, deleting or changing a user ends the cookie (and any copy of it) at once. The role in the
/// principal always comes from the user's current row.</summary>
internal static class Sessions
{
    /// <summary>Starts a cookie session for the user (a row, so logout can end exactly this one).</summary>
    public static async Task SignInAsync(HttpContext context, ConveneDb db, User user, TimeProvider time)
    {
        var session = new UserSession { Id = Guid.NewGuid(), UserId = user.Id, CreatedUtc = time.GetUtcNow() };
        var lifetime = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.SessionLifetime;
        var expired = session.CreatedUtc - lifetime;
        // Sessions nobody logged out of pile up; a user's expired ones go when they sign in again.
        await db.UserSessions.Where(s => s.UserId == user.Id && s.CreatedUtc < expired).ExecuteDeleteAsync(context.RequestAborted);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignIn.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, session.Id));
    }

    /// <summary>Ends the session the request's cookie names (other sessions of the user go on).</summary>
    public static async Task SignOutAsync(HttpContext context, ConveneDb db)
    {
        if (Guid.TryParse(context.User.FindFirstValue(SignIn.SessionClaim), out var session))
        {
            await db.UserSessions.Where(s => s.Id == session).ExecuteDeleteAsync(context.RequestAborted);
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every session and cached Basic sign-in of the user: a new security stamp, and the
    /// session rows deleted. Call before <c>SaveChanges</c> of the tracked user.</summary>
    public static async Task EndAllAsync(ConveneDb db, User user, CancellationToken cancellationToken)
    {
        user.SecurityStamp = User.NewStamp();
        user.Version = Guid.NewGuid();
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The cookie's <c>OnValidatePrincipal</c>: refuses a cookie whose session was ended, whose
    /// user is gone, disabled or has a new stamp, or that outlived <see cref="SignInOptions.SessionLifetime"/>;
    /// otherwise replaces the principal with one built from the current row.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var current = principal is null ? null
            : await CurrentUserAsync(services.GetRequiredService<ConveneDb>(), principal, services, context.HttpContext.RequestAborted);
        if (current is null || !Guid.TryParse(principal!.FindFirstValue(SignIn.SessionClaim), out var session))
        {
            await RejectAsync(context);
            return;
        }
        context.ReplacePrincipal(SignIn.Principal(current, CookieAuthenticationDefaults.AuthenticationScheme, session));
    }

    /// <summary>The user of a cookie principal while its session stands: the session row is there, the user is
    /// neither gone nor disabled, the stamp is the user's current one and the session is younger than
    /// <see cref="SignInOptions.SessionLifetime"/>; otherwise null. Also used by the web UI's live circuits.</summary>
    internal static async Task<User?> CurrentUserAsync(ConveneDb db, ClaimsPrincipal principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(SignIn.SessionClaim), out var session)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        var current = await (from s in db.UserSessions
                             join u in db.Users on s.UserId equals u.Id
                             where s.Id == session && s.UserId == userId
                             select new { User = u, s.CreatedUtc }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var lifetime = services.GetRequiredService<IOptions<SignInOptions>>().Value.SessionLifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return current is null || current.User.Disabled || current.User.SecurityStamp != principal.FindFirstValue(SignIn.StampClaim)
            || current.CreatedUtc + lifetime < now
            ? null : current.User;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
