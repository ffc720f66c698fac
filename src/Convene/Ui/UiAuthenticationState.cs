using Convene.Accounts;
using Convene.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Convene.Ui;

/// <summary>The signed-in user of an interactive circuit, checked again every <see cref="RevalidationInterval"/>
/// against the cookie's session as each request is (<see cref="Sessions.CurrentUserAsync"/>): a circuit of a user
/// who signed out, was disabled, deleted, got a new password or role loses its sign-in, and its pages stop.</summary>
internal sealed class UiAuthenticationState(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = await Sessions.CurrentUserAsync(scope.ServiceProvider.GetRequiredService<ConveneDb>(), authenticationState.User,
            scope.ServiceProvider, cancellationToken);
        // A new role ends the session (new stamp), so the role the circuit shows is still the user's.
        return user is not null;
    }
}
