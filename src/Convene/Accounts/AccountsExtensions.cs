using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Convene.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Convene:Admin";

    /// <summary>The first administrator, made when no user exists yet.</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>Its password; when empty, a random one is written to <c>initial-admin-password.txt</c>.</summary>
    public string? Password { get; set; }
}

public static class AccountsExtensions
{
    public const string Scheme = "Convene";
    public const string BookerPolicy = nameof(Role.Booker);
    public const string ViewerPolicy = nameof(Role.Viewer);
    public const string OperatorPolicy = nameof(Role.Operator);
    public const string AdministratorPolicy = nameof(Role.Administrator);

    /// <summary>Sign-in everywhere: a cookie for the web UI, HTTP Basic for the REST API and CLI.
    /// Roles are ordered: an Administrator may do what an Operator may, an Operator what a Viewer may, a Viewer what a Booker may.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section);
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<SignIn>();
        builder.Services.AddMemoryCache();
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or Basic", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthentication.Name
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "convene";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthentication>(BasicAuthentication.Name, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(AtLeast(Role.Viewer))
            .AddPolicy(BookerPolicy, AtLeast(Role.Booker))
            .AddPolicy(ViewerPolicy, AtLeast(Role.Viewer))
            .AddPolicy(OperatorPolicy, AtLeast(Role.Operator))
            .AddPolicy(AdministratorPolicy, AtLeast(Role.Administrator));
        builder.Services.AddHostedService<FirstAdministrator>();
        return builder;
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicy AtLeast(Role role) =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Enum.TryParse<Role>(context.User.FindFirstValue(ClaimTypes.Role), out var held) && held >= role)
            .Build();

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
