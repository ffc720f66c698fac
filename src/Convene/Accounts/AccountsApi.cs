using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

public sealed record LoginRequest(string UserName, string Password);

/// <summary>A change of one's own password: the current one, and the new one (<see cref="PasswordPolicy"/>).</summary>
public sealed record PasswordChange(string CurrentPassword, string NewPassword);

/// <summary>The time zone one's own web UI shows times and books in: an IANA (tzdb) id such as <c>Europe/Oslo</c>, or
/// null for the server's zone. Required: a body without it is refused, so a misspelt field does not clear the zone.</summary>
public sealed record TimeZoneChange([property: System.Text.Json.Serialization.JsonRequired] string? TimeZone);

/// <summary>The signed-in user's own account: login and logout with the cookie, who am I, a new password,
/// and signing out everywhere. The users themselves are managed in <see cref="UsersApi"/>.</summary>
public static class AccountsApi
{
    /// <summary>The rate limiting policy of the login: <see cref="SignInOptions.LoginsPerAddress"/> per client address.</summary>
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        // One's own account: every role that can sign in, Bookers too (the fallback policy asks for a Viewer).
        var account = endpoints.MapGroup("/api/account").WithTags("Account").RequireAuthorization(AccountsExtensions.BookerPolicy);
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit)
            .WithSummary("Signs in with a cookie; 401 for a wrong name or password, a disabled or locked account; 429 with Retry-After after too many failures from one address.");
        account.MapPost("/logout", async (HttpContext context, ConveneDb db) =>
        {
            await Sessions.SignOutAsync(context, db);
            return TypedResults.NoContent();
        }).WithSummary("Ends this cookie session: the cookie, and any copy of it, stops working.");
        account.MapGet("/me", async Task<Results<Ok<UserDto>, UnauthorizedHttpResult>> (ClaimsPrincipal me, ConveneDb db, CancellationToken ct) =>
            await CurrentAsync(me, db, ct) is { } user ? TypedResults.Ok(UsersApi.ToDto(user)) : TypedResults.Unauthorized());
        account.MapPost("/password", ChangePasswordAsync)
            .WithSummary("Changes one's own password; every other session and cached sign-in ends, this cookie session goes on.");
        account.MapPut("/time-zone", async Task<Results<Ok<UserDto>, UnauthorizedHttpResult, ValidationProblem>> (TimeZoneChange request, ClaimsPrincipal me, ConveneDb db, CancellationToken ct) =>
            await SetOwnTimeZoneAsync(request, me, db, ct) switch
            {
                (null, _) => TypedResults.Unauthorized(),
                ({ } user, null) => TypedResults.Ok(UsersApi.ToDto(user)),
                (_, { } errors) => TypedResults.ValidationProblem(errors),
            })
            .WithSummary("Sets the IANA time zone (tzdb id, such as Europe/Oslo) the web UI shows one's times and books in; null goes back to the server's zone. 400 'timeZone' for an id tzdb does not know.");
        account.MapPost("/sign-out-everywhere", async Task<Results<NoContent, UnauthorizedHttpResult>> (HttpContext context, ConveneDb db) =>
        {
            var user = await CurrentAsync(context.User, db, context.RequestAborted, tracked: true);
            if (user is null)
            {
                return TypedResults.Unauthorized();
            }
            await Sessions.EndAllAsync(db, user, context.RequestAborted);
            await db.SaveChangesAsync(context.RequestAborted);
            await Sessions.SignOutAsync(context, db);
            return TypedResults.NoContent();
        }).WithSummary("Ends every session of one's own, this one included, and makes Basic sign-ins check the password again.");
        return endpoints;
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignIn signIn, ConveneDb db, TimeProvider time, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["A user name and a password are required."] });
        }
        var result = await signIn.CheckAsync(request.UserName.Trim(), request.Password, SignIn.ClientAddress(context), "login", remember: false, context.RequestAborted);
        if (result.Outcome == SignInOutcome.Throttled)
        {
            context.Response.Headers.RetryAfter = SignInThrottle.Seconds(result.RetryAfter!.Value);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins from this address; try again later.",
                type: "https://convene.invalid/problems/sign-in-throttled");
        }
        if (result.Outcome == SignInOutcome.Refused)
        {
            return TypedResults.Unauthorized();
        }
        await Sessions.SignInAsync(context, db, result.User!, time);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, ValidationProblem>> ChangePasswordAsync(
        PasswordChange request, HttpContext context, ConveneDb db, IPasswordHasher<User> hasher, TimeProvider time) =>
        await ChangeOwnPasswordAsync(request, context, db, hasher, time) switch
        {
            null => TypedResults.Unauthorized(),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => TypedResults.ValidationProblem(errors),
        };

    /// <summary>Changes the signed-in user's password (the API and the web UI's password page): null when nobody
    /// is signed in, else the field errors (<c>currentPassword</c>, <c>newPassword</c>), empty on success. On success
    /// every other session and cached sign-in ends; a cookie session goes on in a new session with the new stamp.</summary>
    internal static async Task<Dictionary<string, string[]>?> ChangeOwnPasswordAsync(
        PasswordChange request, HttpContext context, ConveneDb db, IPasswordHasher<User> hasher, TimeProvider time)
    {
        var user = await CurrentAsync(context.User, db, context.RequestAborted, tracked: true);
        if (user is null)
        {
            return null;
        }
        if (string.IsNullOrEmpty(request.CurrentPassword)
            || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return new() { ["currentPassword"] = ["The current password is wrong."] };
        }
        if (PasswordPolicy.Problem(request.NewPassword, user.UserName) is { } problem)
        {
            return new() { ["newPassword"] = [problem] };
        }
        if (request.NewPassword == request.CurrentPassword)
        {
            return new() { ["newPassword"] = ["The new password is the current one."] };
        }
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
        await Sessions.EndAllAsync(db, user, context.RequestAborted);
        await db.SaveChangesAsync(context.RequestAborted);
        if (context.User.FindFirstValue(SignIn.SessionClaim) is not null)
        {
            // This browser stays signed in, in a new session with the new stamp.
            await Sessions.SignInAsync(context, db, user, time);
        }
        return [];
    }

    /// <summary>Sets the signed-in user's time zone (the API and the web UI's account page): the user, null when nobody is
    /// signed in; and the field error (<c>timeZone</c>) when tzdb does not know the id, with nothing saved. A known id is
    /// stored as tzdb spells it.</summary>
    internal static async Task<(User? User, Dictionary<string, string[]>? Errors)> SetOwnTimeZoneAsync(TimeZoneChange request, ClaimsPrincipal me, ConveneDb db, CancellationToken ct)
    {
        var user = await CurrentAsync(me, db, ct, tracked: true);
        if (user is null)
        {
            return (null, null);
        }
        string? zone = null;
        if (request.TimeZone is not null)
        {
            zone = Meetings.MeetingTime.Zone(request.TimeZone)?.Id;
            if (zone is null)
            {
                return (user, new()
                {
                    ["timeZone"] = [string.IsNullOrWhiteSpace(request.TimeZone)
                        ? "Give an IANA time zone id (for example Europe/Oslo), or null for the server's zone."
                        : $"'{ProblemException.Quote(request.TimeZone.Trim(), 64)}' is not an IANA time zone id known to tzdb (for example Europe/Oslo or America/New_York)."],
                });
            }
        }
        user.TimeZone = zone;
        await db.SaveChangesAsync(ct);
        return (user, null);
    }

    /// <summary>The signed-in user's current row (the principal was checked against it already).</summary>
    private static Task<User?> CurrentAsync(ClaimsPrincipal me, ConveneDb db, CancellationToken ct, bool tracked = false)
    {
        if (!Guid.TryParse(me.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return Task.FromResult<User?>(null);
        }
        var users = tracked ? db.Users : db.Users.AsNoTracking();
        return users.FirstOrDefaultAsync(u => u.Id == id, ct);
    }
}
