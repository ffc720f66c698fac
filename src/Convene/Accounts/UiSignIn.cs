using Convene.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Convene.Accounts;

/// <summary>Signing in and out of the web UI with the cookie of <see cref="AccountsExtensions"/>: where an
/// anonymous browser is sent, which return addresses are safe, and the sign-out form's endpoint.</summary>
public static class UiSignIn
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string DeniedPath = "/denied";

    /// <summary>Whether a refused request is a browser asking for a page (GET or HEAD outside the API, the
    /// OpenAPI document and the Blazor hub), which is redirected; everything else is answered 401 or 403.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    /// <summary>Redirects to <paramref name="page"/> with <c>?returnUrl=</c> the page asked for (path and query).</summary>
    public static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context, string page)
    {
        var request = context.Request;
        var back = request.PathBase + request.Path + request.QueryString;
        context.Response.Redirect($"{request.PathBase}{page}?returnUrl={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }

    /// <summary>The return address when it is a local path ("/…", not "//…" or "/\…"), else "/": a sign-in
    /// link cannot send the user to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url : "/";

    /// <summary>Maps <c>POST /signout</c>: the layout's sign-out form (antiforgery token required, else 400);
    /// ends this cookie session and redirects to the sign-in page.</summary>
    public static IEndpointRouteBuilder MapUiSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, async (HttpContext context, ConveneDb db, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form's antiforgery token is missing or wrong; reload the page.");
            }
            if (context.User.Identity?.IsAuthenticated == true
                && context.User.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
            {
                await Sessions.SignOutAsync(context, db);
            }
            else
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
            return Results.Redirect(SignInPath);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }
}
