using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>User names are unique without regard to case, refuse characters that break Basic or look
/// alike, and a role is required; concurrent creation of one name is one 201 and the rest 409.</summary>
public abstract class UserNameTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    [Theory(Timeout = 60_000)]
    [InlineData("with:colon")]
    [InlineData("tab\there")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("right\u202Eleft")]
    [InlineData("isolate\u2067x")]
    [InlineData("   ")]
    public async Task Create_WithAForbiddenName_Returns400NamingTheField(string name)
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PostAsJsonAsync("/api/users", new NewUser(name, Password, Role.Viewer), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("userName", problem.Extensions["errors"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Create_WithoutARole_Returns400()
    {
        var convene = await StartConveneAsync();

        using var response = await convene.Client().PostAsJsonAsync("/api/users", new { userName = "no-role", password = Password }, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("role", problem.Extensions["errors"]!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await convene.Client().GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!, u => u.UserName == "no-role");
    }

    [Fact(Timeout = 60_000)]
    public async Task Create_ANameDifferingOnlyInCase_Returns409AndSignInIgnoresCase()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        await CreateUserAsync(admin, "Alice", Role.Viewer);

        using var again = await admin.PostAsJsonAsync("/api/users", new NewUser("ALICE", Password, Role.Administrator), Ct);
        using var admin2 = await admin.PostAsJsonAsync("/api/users", new NewUser("Admin", Password, Role.Administrator), Ct);
        using var greek = await admin.PostAsJsonAsync("/api/users", new NewUser("ΣΟΦΙΑ", Password, Role.Viewer), Ct);
        using var greekAgain = await admin.PostAsJsonAsync("/api/users", new NewUser("σοφια", Password, Role.Viewer), Ct);

        await ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, greek.StatusCode);
        await ProblemAsync(greekAgain, HttpStatusCode.Conflict);
        await ProblemAsync(admin2, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(convene.Client("alice", Password), "/api/bridges"));
        Assert.Equal("Alice", (await convene.Client("aLiCe", Password).GetFromJsonAsync<UserDto>("/api/account/me", Ct))!.UserName);
    }

    [Fact(Timeout = 60_000)]
    public async Task Create_TenAtOnceWithOneName_IsOne201AndNine409()
    {
        var convene = await StartConveneAsync();
        var admin = convene.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            admin.PostAsJsonAsync("/api/users", new NewUser(i % 2 == 0 ? "racer" : "RACER", Password, Role.Viewer), Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAsync(conflict, HttpStatusCode.Conflict);
        }
        Assert.Single((await admin.GetFromJsonAsync<List<UserDto>>("/api/users", Ct))!, u => u.UserName.Equals("racer", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class UserNameTests_Sqlite() : UserNameTests(DatabaseKind.Sqlite, null);

public sealed class UserNameTests_Postgres(PostgresServer postgres) : UserNameTests(DatabaseKind.Postgres, postgres);
