using System.Security.Claims;
using Convene.Data;
using Convene.Meetings;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Ui.Components.Meetings;

/// <summary>
/// The time zone the signed-in user sees times and books in on the web UI: the one they chose (<see cref="Accounts.User.TimeZone"/>,
/// set on the account page or with <c>PUT /api/account/time-zone</c>), else the server's (<see cref="UserZone"/>). Read once
/// per page request (before the page renders: <see cref="UiExtensions.MapUi"/>) or live page's circuit, from the user's
/// own row; a scoped service.
/// </summary>
public sealed class ViewerZone(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, TimeProvider time)
{
    private string? _id;
    private DateTimeZone? _zone;

    /// <summary>The zone read so far, for components that render without awaiting: the user's once
    /// <see cref="IdAsync"/> or <see cref="LoadAsync"/> ran in this scope, the server's before.</summary>
    public DateTimeZone Current => _zone ?? UserZone.Zone(time);

    /// <summary>How <see cref="Current"/> is named beside a time (<see cref="UserZone.Label(DateTimeZone)"/>).</summary>
    public string Label => UserZone.Label(Current);

    /// <summary>The zone's IANA id.</summary>
    public async Task<string> IdAsync(CancellationToken ct = default) =>
        _id ?? await LoadAsync((await authentication.GetAuthenticationStateAsync()).User, ct);

    /// <summary>The zone itself (NodaTime, tzdb).</summary>
    public async Task<DateTimeZone> ZoneAsync(CancellationToken ct = default)
    {
        await IdAsync(ct);
        return Current;
    }

    /// <summary>Reads the zone of <paramref name="user"/> (nobody signed in: the server's) and keeps it for this scope.</summary>
    public async Task<string> LoadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        string? chosen = null;
        if (Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            chosen = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        }
        _id = UserZone.Id(time, chosen);
        _zone = MeetingTime.Zone(_id) ?? DateTimeZone.Utc;
        return _id;
    }
}
