using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

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
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section)
            .Validate(o => UserNames.Problem(o.UserName) is null, $"{AccountsOptions.Section}:UserName: not a valid user name (1 to {UserNames.MaxLength} characters, no ':' or control characters).")
            .Validate(o => string.IsNullOrEmpty(o.Password) || PasswordPolicy.Problem(o.Password, o.UserName) is null,
                $"{AccountsOptions.Section}:Password: {PasswordPolicy.MinLength} to {PasswordPolicy.MaxLength} characters and not the user name, or empty for a random one.")
            .ValidateOnStart();
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.LockoutThreshold is > 0 and <= 1000 && o.LockoutDuration > TimeSpan.Zero,
                $"{SignInOptions.Section}:LockoutThreshold must be 1 to 1000 and LockoutDuration positive.")
            .Validate(o => o.FailuresPerAddress is > 0 && o.LoginsPerAddress is > 0 && o.AddressWindow > TimeSpan.Zero && o.SessionLifetime > TimeSpan.Zero,
                $"{SignInOptions.Section}:FailuresPerAddress and LoginsPerAddress must be positive, AddressWindow and SessionLifetime positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<SignIn>();
        builder.Services.AddSingleton<SignInThrottle>();
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
                // Secure whenever the request is https, as seen after a configured proxy's X-Forwarded-Proto.
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.Events.OnValidatePrincipal = Sessions.ValidateAsync;
                // A browser asking for a page is sent to the sign-in page; scripts (the API, OpenAPI, the Blazor hub) get 401/403.
                cookie.Events.OnRedirectToLogin = context => UiSignIn.IsPageRequest(context.Request)
                    ? UiSignIn.RedirectAsync(context, UiSignIn.SignInPath) : Deny(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => UiSignIn.IsPageRequest(context.Request)
                    ? UiSignIn.RedirectAsync(context, UiSignIn.DeniedPath) : Deny(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthentication>(BasicAuthentication.Name, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(AtLeast(Role.Viewer))
            .AddPolicy(BookerPolicy, AtLeast(Role.Booker))
            .AddPolicy(ViewerPolicy, AtLeast(Role.Viewer))
            .AddPolicy(OperatorPolicy, AtLeast(Role.Operator))
            .AddPolicy(AdministratorPolicy, AtLeast(Role.Administrator));
        builder.Services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    context.HttpContext.Response.Headers.RetryAfter = SignInThrottle.Seconds(wait);
                }
                return ValueTask.CompletedTask;
            };
            limits.AddPolicy(AccountsApi.LoginRateLimit, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(SignIn.ClientAddress(context), _ =>
                    new FixedWindowRateLimiterOptions { PermitLimit = o.LoginsPerAddress, Window = o.AddressWindow, QueueLimit = 0 });
            });
        });
        builder.AddProxies();
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
