using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>Guessing is stopped: accounts lock after repeated failures, and a client address that keeps
/// failing is answered 429 with Retry-After on both sign-in paths; each failure is logged once.</summary>
public abstract class SignInGuessingTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Lockout_AfterTheThreshold_RefusesTheRightPasswordUntilAnAdministratorUnlocks()
    {
        var convene = await StartConveneAsync(s => s["Convene:SignIn:LockoutThreshold"] = "3");
        var admin = convene.Client();
        var user = await CreateUserAsync(admin, "target", Role.Operator);
        var guesser = convene.Client("target", "wrong-password-x");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(guesser, "/api/bridges"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(convene.Client("target", Password), "/api/bridges"));
        using (var login = await new HttpClient { BaseAddress = convene.Address }.PostAsJsonAsync("/api/account/login", new LoginRequest("target", Password), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
        var locked = (await admin.GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!.Single(u => u.Id == user.Id);
        Assert.Equal(convene.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), locked.LockedUntilUtc);

        using var unlock = await admin.PostAsync($"/api/users/{user.Id}/unlock", null, Ct);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Null((await unlock.Content.ReadFromJsonAsync<UserDto>(Ct))!.LockedUntilUtc);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("target", Password), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Lockout_EndsAfterTheConfiguredDuration()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:SignIn:LockoutThreshold"] = "2";
            s["Convene:SignIn:LockoutDuration"] = "00:10:00";
        });
        await CreateUserAsync(convene.Client(), "patient", Role.Viewer);
        var guesser = convene.Client("patient", "wrong-password-x");
        await StatusAsync(guesser, "/api/bridges");
        await StatusAsync(guesser, "/api/bridges");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(convene.Client("patient", Password), "/api/bridges"));

        convene.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("patient", Password), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Basic_RepeatedFailuresFromOneAddress_Answer429WithRetryAfter()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:SignIn:FailuresPerAddress"] = "3";
            s["Convene:SignIn:AddressWindow"] = "01:00:00";
        });
        var script = convene.Client();
        // Successful traffic costs nothing.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/bridges"));
        }
        var guesser = convene.Client("someone", "guess-guess-guess");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(guesser, "/api/bridges"));
        }

        using var throttled = await guesser.GetAsync("/api/bridges", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        using var login = await new HttpClient { BaseAddress = convene.Address }.PostAsJsonAsync("/api/account/login", new LoginRequest("admin", "guess-guess-guess"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.NotNull(login.Headers.RetryAfter);
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_RepeatedFailuresFromOneAddress_Answer429WithRetryAfter()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:SignIn:FailuresPerAddress"] = "3";
            s["Convene:SignIn:AddressWindow"] = "01:00:00";
        });
        using var browser = new Browser(convene.Address);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await browser.Client.PostAsJsonAsync("/api/account/login", new LoginRequest(ConveneFactory.AdminUser, "guess-" + i), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await browser.Client.PostAsJsonAsync("/api/account/login", new LoginRequest(ConveneFactory.AdminUser, ConveneFactory.AdminPassword), Ct);

        await ProblemAsync(throttled, HttpStatusCode.TooManyRequests);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(convene.Client(ConveneFactory.AdminUser, "guess-x"), "/api/bridges"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_ManyAttemptsFromOneAddress_AreLimitedByTheMiddleware()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:SignIn:LoginsPerAddress"] = "2";
            s["Convene:SignIn:AddressWindow"] = "01:00:00";
        });
        await SignInAsync(convene, ConveneFactory.AdminUser, ConveneFactory.AdminPassword);
        await SignInAsync(convene, ConveneFactory.AdminUser, ConveneFactory.AdminPassword);

        using var third = await new HttpClient { BaseAddress = convene.Address }.PostAsJsonAsync("/api/account/login",
            new LoginRequest(ConveneFactory.AdminUser, ConveneFactory.AdminPassword), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact(Timeout = 60_000)]
    public async Task FailedSignIn_IsLoggedOnceWithNameAndAddressButNoPassword()
    {
        var convene = await StartConveneAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(convene.Client("admin", "Secret-Guess-4711"), "/api/bridges"));
        using var login = await new HttpClient { BaseAddress = convene.Address }.PostAsJsonAsync("/api/account/login", new LoginRequest("nobody\nforged", "Secret-Guess-0815"), Ct);

        var failures = convene.Log.Entries.Where(e => e.EventId == 1004).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("'admin'", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("Basic", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("nobody\\u000Aforged", failures[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(convene.Log.Entries, e => e.Message.Contains("Secret-Guess", StringComparison.Ordinal));
    }
}

public sealed class SignInGuessingTests_Sqlite() : SignInGuessingTests(DatabaseKind.Sqlite, null);

public sealed class SignInGuessingTests_Postgres(PostgresServer postgres) : SignInGuessingTests(DatabaseKind.Postgres, postgres);
