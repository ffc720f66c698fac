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
/// per request or live page (a scoped service), from the user's own row.
/// </summary>
public sealed class ViewerZone(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, TimeProvider time)
{
    private string? _id;

    /// <summary>The zone's IANA id.</summary>
    public async Task<string> IdAsync(CancellationToken ct = default)
    {
        if (_id is not null)
        {
            return _id;
        }
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        string? chosen = null;
        if (Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            chosen = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        }
        return _id = UserZone.Id(time, chosen);
    }

    /// <summary>The zone itself (NodaTime, tzdb).</summary>
    public async Task<DateTimeZone> ZoneAsync(CancellationToken ct = default) => MeetingTime.Zone(await IdAsync(ct)) ?? DateTimeZone.Utc;
}
