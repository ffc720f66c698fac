using Convene.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

/// <summary>A user's new password, set by an administrator (<see cref="PasswordPolicy"/>).</summary>
public sealed record PasswordReset(string Password);

/// <summary>
/// What an administrator does to users, shared by the users API (<see cref="UsersApi"/>) and the web UI's
/// <c>/users</c> pages so both apply the same rules. Failures throw <see cref="ProblemException"/>: 400 with
/// <see cref="ProblemException.Errors"/> naming the field (<c>userName</c>, <c>password</c>, <c>role</c>), 404 for an
/// unknown user, 409 for a taken name (<c>user-exists</c>), a stale version (<c>concurrency</c>), a change of
/// oneself (<c>conflict</c>) or one that would leave no enabled administrator (<c>last-administrator</c>).
/// </summary>
public static class UserAdministration
{
    /// <summary>Creates a user with a hashed password.</summary>
    public static async Task<User> CreateAsync(ConveneDb db, IPasswordHasher<User> hasher, NewUser request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (UserNames.Problem(request.UserName) is { } name)
        {
            errors["userName"] = [name];
        }
        if (PasswordPolicy.Problem(request.Password, request.UserName) is { } password)
        {
            errors["password"] = [password];
        }
        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            errors["role"] = ["A role is required: Viewer, Operator or Administrator."];
        }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        var user = UsersApi.New(request.UserName, request.Role!.Value);
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, ct))
        {
            throw NameTaken(user.UserName);
        }
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone created the same name between the check and the insert.
            throw NameTaken(user.UserName);
        }
        return user;
    }

    /// <summary>Changes the role or disables/enables the user (<paramref name="actor"/> is who asks); their sessions end.</summary>
    public static async Task<User> ChangeAsync(ConveneDb db, Guid id, UserChange change, Guid? actor, CancellationToken ct)
    {
        if (change.Role is { } r && !Enum.IsDefined(r))
        {
            throw ProblemException.Invalid("role", "The role is Viewer, Operator or Administrator.");
        }
        var user = await FindAsync(db, id, ct);
        if (change.Version is { } version && version != user.Version)
        {
            throw Conflict("Someone else changed this user meanwhile; reload and try again.", "concurrency");
        }
        if (actor == id && (change.Disabled == true || (change.Role is { } own && own != user.Role)))
        {
            throw Conflict("You cannot disable yourself or change your own role.");
        }
        if ((change.Role is { } role && role != user.Role) || (change.Disabled is { } disabled && disabled != user.Disabled))
        {
            var newRole = change.Role ?? user.Role;
            var newDisabled = change.Disabled ?? user.Disabled;
            if (IsActiveAdministrator(user) && (newRole != Role.Administrator || newDisabled))
            {
                await EnsureAnotherAdministratorAsync(db, user.Id, ct);
            }
            user.Role = newRole;
            user.Disabled = newDisabled;
            await Sessions.EndAllAsync(db, user, ct);
            // The version read above is the one the update requires (a concurrency token), so of two
            // edits from the same read only one is saved; the other ends in DbUpdateConcurrencyException: 409.
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    /// <summary>Deletes the user; their sessions end.</summary>
    public static async Task DeleteAsync(ConveneDb db, Guid id, Guid? actor, CancellationToken ct)
    {
        var user = await FindAsync(db, id, ct);
        if (actor == id)
        {
            throw Conflict("You cannot delete yourself.");
        }
        if (IsActiveAdministrator(user))
        {
            await EnsureAnotherAdministratorAsync(db, user.Id, ct);
        }
        db.Users.Remove(user);
        await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets a new password for another user: their sessions and cached Basic sign-ins end, and a
    /// lockout after failed sign-ins is lifted. One's own password is changed with the current one instead.</summary>
    public static async Task<User> ResetPasswordAsync(ConveneDb db, IPasswordHasher<User> hasher, Guid id, PasswordReset reset, Guid? actor, CancellationToken ct)
    {
        var user = await FindAsync(db, id, ct);
        if (actor == id)
        {
            throw Conflict("Change your own password with your current one (Change password), not here.");
        }
        if (PasswordPolicy.Problem(reset.Password, user.UserName) is { } problem)
        {
            throw ProblemException.Invalid("password", problem);
        }
        user.PasswordHash = hasher.HashPassword(user, reset.Password);
        user.FailedSignIns = 0;
        user.LockedUntilUtc = null;
        await Sessions.EndAllAsync(db, user, ct);
        await db.SaveChangesAsync(ct);
        return user;
    }

    private static bool IsActiveAdministrator(User user) => user.Role == Role.Administrator && !user.Disabled;

    /// <summary>Convene must keep an enabled administrator, or nobody could manage users again.</summary>
    private static async Task EnsureAnotherAdministratorAsync(ConveneDb db, Guid id, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id != id && u.Role == Role.Administrator && !u.Disabled, ct))
        {
            throw Conflict("This is the last enabled administrator: make another user an administrator first.", "last-administrator");
        }
    }

    private static async Task<User> FindAsync(ConveneDb db, Guid id, CancellationToken ct) =>
        await db.Users.FindAsync([id], ct) ?? throw new ProblemException(StatusCodes.Status404NotFound, $"No user {id}.", type: "user-not-found");

    private static ProblemException NameTaken(string name) =>
        Conflict($"A user named '{name}' exists (names are compared without regard to case).", "user-exists");

    private static ProblemException Conflict(string title, string type = "conflict") => new(StatusCodes.Status409Conflict, title, type: type);
}
