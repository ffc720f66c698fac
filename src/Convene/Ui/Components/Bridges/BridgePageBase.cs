using Convene.Bridges;
using Convene.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Components.Bridges;

/// <summary>The base of the pages of one bridge (<c>/bridges/{Id}</c> and its tabs): loads the bridge with its nodes
/// (untracked) and whether it is the demo's simulated cluster; an unknown id answers 404 and the page says so.</summary>
public abstract class BridgePageBase : ComponentBase
{
    [Inject]
    protected ConveneDb Db { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The bridge's id, from the route.</summary>
    [Parameter]
    public Guid Id { get; set; }

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [CascadingParameter]
    protected Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The bridge; null when there is none of that id (after <see cref="LoadBridgeAsync"/>).</summary>
    protected Bridge? Bridge { get; private set; }

    protected bool Simulated { get; private set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>Whether the signed-in user holds <paramref name="role"/> or a higher one.</summary>
    protected async Task<bool> HasAsync(Accounts.Role role) =>
        AuthenticationState is not null && UiRoles.Has((await AuthenticationState).User, role);

    /// <summary>The signed-in user's name.</summary>
    protected async Task<string?> UserNameAsync() => AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;

    /// <summary>(Re)loads the bridge and its nodes; sets 404 when it does not exist.</summary>
    protected async Task LoadBridgeAsync()
    {
        Db.ChangeTracker.Clear();
        Bridge = await Db.Bridges.AsNoTracking().Include(b => b.Nodes).FirstOrDefaultAsync(b => b.Id == Id, Aborted);
        Simulated = Bridge is not null && await Db.DemoBridges.AnyAsync(d => d.BridgeId == Id, Aborted);
        if (Bridge is null && HttpContext is { Response.HasStarted: false })
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
