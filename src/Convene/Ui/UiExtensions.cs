using Convene.Accounts;
using Convene.Ui.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Scalar.AspNetCore;

namespace Convene.Ui;

/// <summary>The web UI: a Blazor Web App (server-rendered pages; interactive server components where a page asks),
/// its static files, and the API reference (Scalar, served offline) behind sign-in.</summary>
public static class UiExtensions
{
    /// <summary>Adds Razor components with interactive server rendering, the cascading authentication state (rechecked
    /// in live circuits by <see cref="UiAuthenticationState"/>) and, outside Development, the build's static web assets.</summary>
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        // Development maps the build's static web assets (blazor.web.js, convene.css) by itself; any other
        // environment run from a build folder (the tests, "dotnet run -e Production") needs it said. A
        // published folder has no runtime manifest, and this does nothing there.
        if (!builder.Environment.IsDevelopment())
        {
            StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, UiAuthenticationState>();
        builder.Services.AddScoped<Components.Meetings.ViewerZone>();
        builder.Services.AddHostedService<UiWelcome>();
        builder.Services.AddLiveView();
        return builder;
    }

    /// <summary>Maps the static assets (anonymous: the sign-in page needs its stylesheet), the pages, the
    /// sign-out form's endpoint and <c>/scalar</c>. Call after <c>UseAntiforgery</c>.</summary>
    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // Pages and the Blazor hub of interactive ones: every signed-in role, Bookers too (the fallback policy
        // asks for a Viewer). Pages ask for more with [Authorize]; the sign-in page is [AllowAnonymous].
        // A page request reads the user's time zone before any component renders, so components that only format a
        // time (tickets, status, logs) show it in that zone without each awaiting it (ViewerZone.Current).
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                await context.RequestServices.GetRequiredService<Components.Meetings.ViewerZone>().LoadAsync(context.User, context.RequestAborted);
            }
            await next(context);
        });
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(AccountsExtensions.BookerPolicy);
        app.MapUiSignOut();
        // Viewers and up, as the OpenAPI document it renders.
        app.MapScalarApiReference().RequireAuthorization(AccountsExtensions.ViewerPolicy);
        return app;
    }
}
