using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

/// <summary>A user as the API shows it. <paramref name="LockedUntilUtc"/> is set while too many failed
/// sign-ins lock the account; <paramref name="Version"/> changes with every edit (send it back in a
/// <see cref="UserChange"/> to be told 409 if someone changed the user meanwhile).</summary>
/// <summary>A user as the API shows them: <paramref name="TimeZone"/> is the IANA zone the web UI shows them times in (null:
/// the server's).</summary>
public sealed record UserDto(Guid Id, string UserName, Role Role, bool Disabled, DateTimeOffset? LockedUntilUtc, Guid Version, string? TimeZone = null);

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
        users.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> (Guid id, ConveneDb db, ClaimsPrincipal me, CancellationToken ct) =>
            await Answer(async () =>
            {
                await UserAdministration.DeleteAsync(db, id, Me(me), ct);
                return TypedResults.NoContent();
            })).WithSummary("Deletes a user; their sessions and Basic sign-ins end at once. 409 for oneself or the last enabled administrator.");
        users.MapPost("/{id:guid}/password", async Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> (
            Guid id, PasswordReset reset, ConveneDb db, IPasswordHasher<User> hasher, ClaimsPrincipal me, CancellationToken ct) =>
            await Answer(async () => TypedResults.Ok(ToDto(await UserAdministration.ResetPasswordAsync(db, hasher, id, reset, Me(me), ct)))))
            .WithSummary("Sets another user's password (the password rules apply); their sessions and Basic sign-ins end and a lockout is lifted. 409 for oneself.");
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

    public static UserDto ToDto(User u) => new(u.Id, u.UserName, u.Role, u.Disabled, u.LockedUntilUtc, u.Version, u.TimeZone);

    private static Task<Results<Created<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewUser request, ConveneDb db, IPasswordHasher<User> hasher, CancellationToken ct) =>
        Answer(async () =>
        {
            var user = await UserAdministration.CreateAsync(db, hasher, request, ct);
            return TypedResults.Created($"/api/users/{user.Id}", ToDto(user));
        });

    private static Task<Results<Ok<UserDto>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, UserChange change, ConveneDb db, ClaimsPrincipal me, CancellationToken ct) =>
        Answer(async () => TypedResults.Ok(ToDto(await UserAdministration.ChangeAsync(db, id, change, Me(me), ct))));

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

    private static Guid? Me(ClaimsPrincipal me) => Guid.TryParse(me.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The answer of <paramref name="action"/>, or the <see cref="UserAdministration"/> failure it threw as
    /// the API has always answered it: an empty 404, a validation problem, or a problem with its status.</summary>
    private static async Task<Results<TOk, NotFound, ValidationProblem, ProblemHttpResult>> Answer<TOk>(Func<Task<TOk>> action)
        where TOk : IResult
    {
        try
        {
            return await action();
        }
        catch (ProblemException p) when (p.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.NotFound();
        }
        catch (ProblemException p) when (p.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        catch (ProblemException p)
        {
            return TypedResults.Problem(statusCode: p.Status, title: p.Title, detail: p.Detail, type: "https://convene.invalid/problems/" + p.Type);
        }
    }
}
