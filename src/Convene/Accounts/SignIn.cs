using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

/// <summary>Checks a user name and password against the users table.</summary>
public sealed class SignIn(ConveneDb db, IPasswordHasher<User> hasher)
{
    public async Task<ClaimsPrincipal?> CheckAsync(string userName, string password, string scheme, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null)
        {
            // Same work as a real check, so a wrong name takes as long as a wrong password.
            hasher.VerifyHashedPassword(new User { UserName = userName, PasswordHash = "" }, Dummy, password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Principal(user, scheme);
    }

    public static ClaimsPrincipal Principal(User user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role.ToString()),
    ], scheme));

    private static readonly string Dummy = new PasswordHasher<User>().HashPassword(new User { UserName = "", PasswordHash = "" }, "not a password");
}
