using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>The rules the users API and the web UI's users pages share (<see cref="UserAdministration"/>).</summary>
public abstract class UserAdministrationTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Change_OfTheLastEnabledAdministrator_Returns409AndKeepsThem(bool disable)
    {
        var convene = await StartConveneAsync();
        var admin = (await convene.Client().GetFromJsonAsync<UserDto>("/api/account/me", Ct))!;
        // A disabled administrator does not count: they cannot sign in to manage users.
        var disabled = await CreateUserAsync(convene.Client(), "disabled-admin", Role.Administrator);
        using (await PatchAsync(convene.Client(), disabled.Id, new UserChange(Disabled: true)))
        {
        }
        var change = disable ? new UserChange(Disabled: true) : new UserChange(Role: Role.Operator);

        var problem = await convene.DbAsync(async db =>
            await Assert.ThrowsAsync<ProblemException>(() => UserAdministration.ChangeAsync(db, admin.Id, change, actor: disabled.Id, Ct)));

        Assert.Equal((409, "last-administrator"), (problem.Status, problem.Type));
        var now = (await convene.Client().GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!.Single(u => u.Id == admin.Id);
        Assert.Equal((Role.Administrator, false), (now.Role, now.Disabled));
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_OfTheLastEnabledAdministrator_Returns409()
    {
        var convene = await StartConveneAsync();
        var admin = (await convene.Client().GetFromJsonAsync<UserDto>("/api/account/me", Ct))!;

        var problem = await convene.DbAsync(async db =>
            await Assert.ThrowsAsync<ProblemException>(() => UserAdministration.DeleteAsync(db, admin.Id, actor: null, Ct)));

        Assert.Equal((409, "last-administrator"), (problem.Status, problem.Type));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client(), "/api/users"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Change_OfAnAdministratorWhileAnotherRemains_Succeeds()
    {
        var convene = await StartConveneAsync();
        var second = await CreateUserAsync(convene.Client(), "second-admin", Role.Administrator);

        using var response = await PatchAsync(convene.Client(), second.Id, new UserChange(Role: Role.Viewer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Role.Viewer, (await response.Content.ReadFromJsonAsync<UserDto>(Ct))!.Role);
    }

    [Fact(Timeout = 60_000)]
    public async Task ResetPassword_OfAnotherUser_TakesTheNewOneAndEndsTheirSessions()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "forgetful", Role.Viewer);
        using var browser = await SignInAsync(convene, "forgetful");

        using var response = await admin.PostAsJsonAsync($"/api/users/{user.Id}/password", new PasswordReset("a-fresh-password-1"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(convene.Client("forgetful", Password), "/api/bridges"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("forgetful", "a-fresh-password-1"), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task ResetPassword_TooShort_Returns400NamingThePassword()
    {
        var convene = await StartConveneAsync();
        var user = await CreateUserAsync(convene.Client(), "short", Role.Viewer);

        using var response = await convene.Client().PostAsJsonAsync($"/api/users/{user.Id}/password", new PasswordReset("short"), Ct);

        await ProblemAsync(response, HttpStatusCode.BadRequest);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("short", Password), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task ResetPassword_OfOneself_Returns409()
    {
        var convene = await StartConveneAsync();
        var me = (await convene.Client().GetFromJsonAsync<UserDto>("/api/account/me", Ct))!;

        using var response = await convene.Client().PostAsJsonAsync($"/api/users/{me.Id}/password", new PasswordReset("a-fresh-password-1"), Ct);

        await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client(), "/api/bridges"));
    }
}

public sealed class UserAdministrationTests_Sqlite() : UserAdministrationTests(DatabaseKind.Sqlite, null);

public sealed class UserAdministrationTests_Postgres(PostgresServer postgres) : UserAdministrationTests(DatabaseKind.Postgres, postgres);
