using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>A session ends with its user: every request is checked against the user's current row.</summary>
public abstract class SessionTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Cookie_OfADeletedAdministrator_IsRefusedAtOnce()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var second = await CreateUserAsync(admin, "second-admin", Role.Administrator);
        using var browser = await SignInAsync(convene, "second-admin");
        using var copy = browser.Copy();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser.Client, "/api/users"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{second.Id}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Client, "/api/users"));
        using var create = await copy.PostAsJsonAsync("/api/users", new NewUser("intruder", Password, Role.Administrator), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!, u => u.UserName == "intruder");
    }

    [Fact(Timeout = 60_000)]
    public async Task Basic_OfADisabledOrDeletedUser_IsRefusedAtOnce()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "scripter", Role.Operator);
        var script = convene.Client("scripter", Password);
        // Signed in once, so a cache of verified passwords would hold it.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/bridges"));

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(admin, user.Id, new UserChange(Disabled: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/bridges"));

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(admin, user.Id, new UserChange(Disabled: false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/bridges"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{user.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cookie_OfADisabledUser_IsRefusedAndStaysRefusedWhenEnabledAgain()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "viewer", Role.Viewer);
        using var browser = await SignInAsync(convene, "viewer");

        await PatchAsync(admin, user.Id, new UserChange(Disabled: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Copy(), "/api/bridges"));
        await PatchAsync(admin, user.Id, new UserChange(Disabled: false));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Copy(), "/api/bridges"));
        using var login = await browser.Client.PostAsJsonAsync("/api/account/login", new LoginRequest("viewer", Password), Ct);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task RoleChange_AppliesAtOnceToCookieAndBasic()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "demoted", Role.Administrator);
        using var browser = await SignInAsync(convene, "demoted");
        var script = convene.Client("demoted", Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser.Client, "/api/users"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/users"));

        using var change = await PatchAsync(admin, user.Id, new UserChange(Role: Role.Viewer));

        Assert.Equal(Role.Viewer, (await change.Content.ReadFromJsonAsync<UserDto>(Ct))!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/users"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/bridges"));
        // The cookie carried the old role and stamp: the session ended.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Client, "/api/users"));
        using var again = await SignInAsync(convene, "demoted");
        Assert.Equal(Role.Viewer, (await again.Client.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(again.Client, "/api/users"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Logout_RevokesACopiedCookie()
    {
        var convene = await StartConveneAsync();
        using var browser = await SignInAsync(convene, ConveneFactory.AdminUser, ConveneFactory.AdminPassword);
        using var copy = browser.Copy();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(copy, "/api/bridges"));
        using var other = await SignInAsync(convene, ConveneFactory.AdminUser, ConveneFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.PostAsync("/api/account/logout", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(copy, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(browser.Client, "/api/bridges"));
        // Only that session ended.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other.Client, "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task SignOutEverywhere_EndsEverySessionOfTheUser()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "traveller", Role.Operator);
        using var laptop = await SignInAsync(convene, "traveller");
        using var phone = await SignInAsync(convene, "traveller");
        using var mine = await SignInAsync(convene, ConveneFactory.AdminUser, ConveneFactory.AdminPassword);
        using var copy = laptop.Copy();

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.Client.PostAsync("/api/account/sign-out-everywhere", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(copy, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(phone.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(mine.Client, "/api/bridges"));

        // An Administrator can do it for another user.
        using var tablet = await SignInAsync(convene, "traveller");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(tablet.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{user.Id}/sign-out-everywhere", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(tablet.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Forbidden, (await convene.Client("traveller", Password).PostAsync($"/api/users/{user.Id}/sign-out-everywhere", null, Ct)).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task ChangePassword_TakesTheNewPasswordAndEndsOtherSessions()
    {
        var convene = await StartConveneAsync();
        await CreateUserAsync(convene.Client(), "changer", Role.Viewer);
        using var browser = await SignInAsync(convene, "changer");
        using var elsewhere = await SignInAsync(convene, "changer");
        var script = convene.Client("changer", Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/bridges"));

        using var wrong = await browser.Client.PostAsJsonAsync("/api/account/password", new PasswordChange("not-the-password", "the-new-password-1"), Ct);
        using var weak = await browser.Client.PostAsJsonAsync("/api/account/password", new PasswordChange(Password, "short"), Ct);
        using var changed = await browser.Client.PostAsJsonAsync("/api/account/password", new PasswordChange(Password, "the-new-password-1"), Ct);

        Assert.Contains("currentPassword", (await ProblemAsync(wrong, HttpStatusCode.BadRequest)).Extensions["errors"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("newPassword", (await ProblemAsync(weak, HttpStatusCode.BadRequest)).Extensions["errors"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(elsewhere.Client, "/api/bridges"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/bridges"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("changer", "the-new-password-1"), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_FromAStaleRead_Returns409()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "edited", Role.Viewer);

        using var first = await PatchAsync(admin, user.Id, new UserChange(Role: Role.Operator, Version: user.Version));
        using var second = await PatchAsync(admin, user.Id, new UserChange(Disabled: true, Version: user.Version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemAsync(second, HttpStatusCode.Conflict);
        var now = (await admin.GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!.Single(u => u.Id == user.Id);
        Assert.Equal((Role.Operator, false), (now.Role, now.Disabled));
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_OfOneself_Returns409()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var me = (await admin.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!;

        using var response = await PatchAsync(admin, me.Id, new UserChange(Disabled: true));

        await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/api/users"));
    }
}

public sealed class SessionTests_Sqlite() : SessionTests(DatabaseKind.Sqlite, null);

public sealed class SessionTests_Postgres(PostgresServer postgres) : SessionTests(DatabaseKind.Postgres, postgres);
