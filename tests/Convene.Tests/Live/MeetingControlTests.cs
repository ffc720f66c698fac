using System.Security.Claims;
using Convene.Live;
using Convene.Meetings;

namespace Convene.Tests.Live;

/// <summary>Who may control a meeting's participants.</summary>
public sealed class MeetingControlTests
{
    private static readonly Guid Organizer = Guid.NewGuid();

    private static readonly Meeting Meeting = new() { Id = Guid.NewGuid(), Title = "Board", TimeZone = "UTC", OrganizerId = Organizer };

    [Theory]
    [InlineData("Administrator", false, null)]
    [InlineData("Operator", false, null)]
    [InlineData("Booker", true, null)]
    [InlineData("Booker", false, 404)]
    [InlineData("Viewer", true, 403)]
    [InlineData(null, true, 403)]
    public void Refusal_ByRoleAndOwnership_IsAsDocumented(string? role, bool organizes, int? expected)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, (organizes ? Organizer : Guid.NewGuid()).ToString()) };
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        Assert.Equal(expected, MeetingControl.Refusal(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), Meeting));
    }
}
