using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Accounts;

/// <summary><c>PUT /api/account/time-zone</c>: a user chooses the IANA zone the web UI shows their times in; tzdb's spelling is
/// kept, an unknown id is a 400 naming <c>timeZone</c> with nothing saved, and null goes back to the server's zone.</summary>
public abstract class TimeZoneTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Put_AKnownZone_IsSavedAndShownByMe()
    {
        var convene = await StartConveneAsync();
        await CreateUserAsync(convene.Client(), "booker", Role.Booker);
        var booker = convene.Client("booker", Password);

        using var response = await booker.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange(" Europe/Oslo "), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Europe/Oslo", (await response.Content.ReadFromJsonAsync<UserDto>(Ct))!.TimeZone);
        Assert.Equal("Europe/Oslo", (await booker.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.TimeZone);
        Assert.Null((await convene.Client().GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.TimeZone);
    }

    [Fact(Timeout = 60_000)]
    public async Task Booker_ChangesTheirOwnPasswordThroughTheApi()
    {
        var convene = await StartConveneAsync();
        await CreateUserAsync(convene.Client(), "booker", Role.Booker);

        using var response = await convene.Client("booker", Password).PostAsJsonAsync("/api/account/password", new PasswordChange(Password, "another-long-password"), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("booker", "another-long-password"), "/api/account/me"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("CET-1")]
    [InlineData("../../etc/passwd")]
    public async Task Put_AnUnknownZone_Returns400NamingTheFieldAndKeepsTheOldOne(string zone)
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange("America/New_York"), Ct)).StatusCode);

        using var response = await admin.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange(zone), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("timeZone", problem.Extensions["errors"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("America/New_York", await convene.DbAsync(db => db.Users.Where(u => u.UserName == ConveneFactory.AdminUser).Select(u => u.TimeZone).SingleAsync(Ct)));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{}", "timeZone")]
    [InlineData("{\"zone\":\"Europe/Oslo\"}", "timeZone")]
    [InlineData("{\"timeZone\":\"\"}", "timeZone")]
    [InlineData("{\"timeZone\":\"   \"}", "timeZone")]
    [InlineData("{\"timeZone\":42}", "timeZone")]
    public async Task Put_WithoutAZoneOrNull_Returns400AndKeepsTheOldOne(string body, string field)
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange("Europe/Oslo"), Ct)).StatusCode);

        using var response = await admin.PutAsync("/api/account/time-zone", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Extensions["errors"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Europe/Oslo", (await admin.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.TimeZone);
    }

    [Fact(Timeout = 60_000)]
    public async Task Put_AHugeUnknownZone_IsNotEchoedBackWhole()
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange(new string('x', 100_000)), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Extensions["errors"]!.ToString()!.Length < 1_000, "the error quotes the value cut short");
    }

    [Fact(Timeout = 60_000)]
    public async Task Put_Null_GoesBackToTheServersZone()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange("Asia/Tokyo"), Ct)).StatusCode);

        using var response = await admin.PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange(null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await admin.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.TimeZone);
    }

    [Fact(Timeout = 60_000)]
    public async Task Put_Anonymous_Returns401()
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client(userName: null).PutAsJsonAsync("/api/account/time-zone", new TimeZoneChange("Europe/Oslo"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class TimeZoneTests_Sqlite() : TimeZoneTests(DatabaseKind.Sqlite, null);

public sealed class TimeZoneTests_Postgres(PostgresServer postgres) : TimeZoneTests(DatabaseKind.Postgres, postgres);
