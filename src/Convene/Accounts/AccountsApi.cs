using System.Security.Claims;
using Convene.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Convene.Accounts;

public sealed record LoginRequest(string UserName, string Password);

public sealed record UserDto(Guid Id, string UserName, Role Role);

public sealed record NewUser(string UserName, string Password, Role Role);

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/api/account").WithTags("Account");
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        });
        account.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new UserDto(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), user.Identity!.Name!, Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!))));

        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AccountsExtensions.AdministratorPolicy);
        users.MapGet("/", async (ConveneDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Users.OrderBy(u => u.UserName).Select(u => new UserDto(u.Id, u.UserName, u.Role)).ToListAsync(ct)));
        users.MapPost("/", CreateUserAsync);
        users.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (Guid id, ConveneDb db, ClaimsPrincipal me, CancellationToken ct) =>
        {
            var user = await db.Users.FindAsync([id], ct);
            if (user is null)
            {
                return TypedResults.NotFound();
            }
            if (user.Id.ToString() == me.FindFirstValue(ClaimTypes.NameIdentifier))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "You cannot delete yourself.");
            }
            db.Users.Remove(user);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult, ValidationProblem>> LoginAsync(LoginRequest request, SignIn signIn, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["A user name and a password are required."] });
        }
        var principal = await signIn.CheckAsync(request.UserName.Trim(), request.Password, CookieAuthenticationDefaults.AuthenticationScheme, context.RequestAborted);
        if (principal is null)
        {
            return TypedResults.Unauthorized();
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateUserAsync(
        NewUser request, ConveneDb db, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 100)
        {
            errors["userName"] = ["A user name of 1 to 100 characters is required."];
        }
        if (request.Password is null || request.Password.Length < 10)
        {
            errors["password"] = ["A password of at least 10 characters is required."];
        }
        if (!Enum.IsDefined(request.Role))
        {
            errors["role"] = ["The role is Viewer, Operator or Administrator."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var name = request.UserName.Trim();
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A user named '{name}' exists.");
        }
        var user = new User { Id = Guid.NewGuid(), UserName = name, PasswordHash = "", Role = request.Role };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}", new UserDto(user.Id, user.UserName, user.Role));
    }
}
