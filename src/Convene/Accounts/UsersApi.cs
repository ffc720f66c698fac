using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

/// <summary>A user as the API shows it. <paramref name="LockedUntilUtc"/> is set while too many failed
/// sign-ins lock the account; <paramref name="Version"/> changes with every edit (send it back in a
/// <see cref="UserChange"/> to be told 409 if someone changed the user meanwhile).</summary>
public sealed record UserDto(Guid Id, string UserName, Role Role, bool Disabled, DateTimeOffset? LockedUntilUtc, Guid Version);

/// <summary>A new user: a name (<see cref="UserNames"/>), a password (<see cref="PasswordPolicy"/>) and a role, all required.</summary>
public sealed record NewUser(string UserName, string Password, Role? Role);

/// <summary>Changes to a user; what is null stays. Changing the role or disabling ends the user's sessions.
/// With <paramref name="Version"/>, the change is refused with 409 unless the user is still at that version.</summary>
public sealed record UserChange(Role? Role = null, bool? Disabled = null, Guid? Version = null);

/// <summary>Managing users (Administrators only).</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        users.MapGet("/", async (ConveneDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.Users.AsNoTracking().ToListAsync(ct)).OrderBy(u => u.UserName, StringComparer.Ordinal).Select(ToDto).ToList()));
        users.MapPost("/", CreateAsync).WithSummary("Creates a user; 409 if the name is taken, compared without regard to case.");
        users.MapPatch("/{id:guid}", ChangeAsync)
            .WithSummary("Changes a user's role or disables/enables them ({\"disabled\":true}); their sessions end at once.");
        users.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (Guid id, ConveneDb db, ClaimsPrincipal me, CancellationToken ct) =>
        {
            var user = await db.Users.FindAsync([id], ct);
            if (user is null)
            {
                return TypedResults.NotFound();
            }
            if (IsMe(me, id))
            {
                return Conflict("You cannot delete yourself.");
            }
            db.Users.Remove(user);
            await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Deletes a user; their sessions and Basic sign-ins end at once.");
        users.MapPost("/{id:guid}/unlock", async Task<Results<Ok<UserDto>, NotFound>> (Guid id, ConveneDb db, CancellationToken ct) =>
        {
            var user = await db.Users.FindAsync([id], ct);
            if (user is null)
            {
                return TypedResults.NotFound();
            }
            user.FailedSignIns = 0;
            user.LockedUntilUtc = null;
            user.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(ToDto(user));
        }).WithSummary("Lifts a lockout after failed sign-ins.");
        users.MapPost("/{id:guid}/sign-out-everywhere", async Task<Results<NoContent, NotFound>> (Guid id, ConveneDb db, CancellationToken ct) =>
        {
            var user = await db.Users.FindAsync([id], ct);
            if (user is null)
            {
                return TypedResults.NotFound();
            }
            await Sessions.EndAllAsync(db, user, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Ends every session of the user and makes their Basic sign-ins check the password again.");
        return endpoints;
    }

    public static UserDto ToDto(User u) => new(u.Id, u.UserName, u.Role, u.Disabled, u.LockedUntilUtc, u.Version);

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewUser request, ConveneDb db, IPasswordHasher<User> hasher, CancellationToken ct)
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
            return TypedResults.ValidationProblem(errors);
        }
        var user = New(request.UserName, request.Role!.Value);
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, ct))
        {
            return NameTaken(user.UserName);
        }
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone created the same name between the check and the insert.
            return NameTaken(user.UserName);
        }
        return TypedResults.Created($"/api/users/{user.Id}", ToDto(user));
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, UserChange change, ConveneDb db, ClaimsPrincipal me, CancellationToken ct)
    {
        if (change.Role is { } r && !Enum.IsDefined(r))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["The role is Viewer, Operator or Administrator."] });
        }
        var user = await db.Users.FindAsync([id], ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (change.Version is { } version && version != user.Version)
        {
            return Conflict("Someone else changed this user meanwhile; reload and try again.", "concurrency");
        }
        if (IsMe(me, id) && (change.Disabled == true || (change.Role is { } own && own != user.Role)))
        {
            return Conflict("You cannot disable yourself or change your own role.");
        }
        if ((change.Role is { } role && role != user.Role) || (change.Disabled is { } disabled && disabled != user.Disabled))
        {
            user.Role = change.Role ?? user.Role;
            user.Disabled = change.Disabled ?? user.Disabled;
            await Sessions.EndAllAsync(db, user, ct);
            // The version read above is the one the update requires (a concurrency token), so of two
            // edits from the same read only one is saved; the other ends in DbUpdateConcurrencyException: 409.
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(user));
    }

    /// <summary>A new user row with a fresh stamp and version; the password hash is set by the caller.</summary>
    public static User New(string userName, Role role)
    {
        var name = UserNames.Clean(userName);
        return new User
        {
            Id = Guid.NewGuid(),
            UserName = name,
            NormalizedUserName = UserNames.Normalize(name),
            PasswordHash = "",
            Role = role,
            SecurityStamp = User.NewStamp(),
            Version = Guid.NewGuid(),
        };
    }

    private static bool IsMe(ClaimsPrincipal me, Guid id) => me.FindFirstValue(ClaimTypes.NameIdentifier) == id.ToString();

    private static ProblemHttpResult NameTaken(string name) => Conflict($"A user named '{name}' exists (names are compared without regard to case).", "user-exists");

    private static ProblemHttpResult Conflict(string title, string type = "conflict") =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, type: "https://convene.invalid/problems/" + type);
}
