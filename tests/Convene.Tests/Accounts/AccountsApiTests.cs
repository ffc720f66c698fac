using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Bridges;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Accounts;

/// <summary>Real sign-in: HTTP Basic and the login cookie, the roles, and CMS passwords kept secret.</summary>
public abstract class AccountsApiTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Bridges_WithoutCredentials_Returns401()
    {
        var convene = await StartConveneAsync();

        var response = await convene.Client(userName: null).GetAsync("/api/bridges", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenApiDocument_SignedIn_DescribesTheBridgeEndpoints()
    {
        var convene = await StartConveneAsync();

        var anonymous = await convene.Client(userName: null).GetAsync("/openapi/v1.json", Ct);
        var document = await convene.Client().GetStringAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/bridges", out _));
        Assert.True(paths.TryGetProperty("/api/bridges/{id}/settings", out _));
        Assert.True(paths.TryGetProperty("/api/tickets", out _));
        foreach (var path in new[] { "/api/account/password", "/api/account/sign-out-everywhere", "/api/users/{id}", "/api/users/{id}/unlock", "/api/users/{id}/sign-out-everywhere" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Bridges_WithAWrongPassword_Returns401()
    {
        var convene = await StartConveneAsync();

        var response = await convene.Client(password: "not-the-password").GetAsync("/api/bridges", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task AddBridge_AsViewer_Returns403ButTheViewerMayRead()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var created = await convene.Client().PostAsJsonAsync("/api/users", new NewUser("viewer", "viewer-password", Role.Viewer), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viewer = convene.Client("viewer", "viewer-password");

        var response = await viewer.PostAsJsonAsync("/api/bridges", AddRequest(cluster), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/bridges", Ct)).StatusCode);
        Assert.Empty((await viewer.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
        Assert.Empty(await RequestsAsync(cluster));
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_WithTheRightPassword_SetsACookieThatSignsIn()
    {
        var convene = await StartConveneAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = convene.Address };

        var login = await browser.PostAsJsonAsync("/api/account/login", new LoginRequest(ConveneFactory.AdminUser, ConveneFactory.AdminPassword), Ct);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookie = Assert.Single(handler.CookieContainer.GetCookies(convene.Address));
        Assert.Equal("convene", cookie.Name);
        Assert.True(cookie.HttpOnly);
        var me = (await browser.GetFromJsonAsync<UserDto>("/api/account/me", Ct))!;
        Assert.Equal((ConveneFactory.AdminUser, Role.Administrator), (me.UserName, me.Role));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/bridges", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/account/logout", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/bridges", Ct)).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_WithAWrongPassword_Returns401AndNoCookie()
    {
        var convene = await StartConveneAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = convene.Address };

        var login = await browser.PostAsJsonAsync("/api/account/login", new LoginRequest(ConveneFactory.AdminUser, "wrong"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Empty(handler.CookieContainer.GetCookies(convene.Address));
    }

    [Fact(Timeout = 60_000)]
    public async Task CmsPassword_AfterAddingAndEditing_IsInNoAnswerAndStoredEncrypted()
    {
        var cluster = await StartClusterAsync(2, o => o.Password = "Cms-Secret-4711");
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var add = await client.PostAsJsonAsync("/api/bridges", AddRequest(cluster), Ct);
        var bridge = (await add.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
        var core2 = bridge.Nodes.Single(n => n.Name == "CallBridge-Core2");
        var node = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/nodes/{core2.Id}", new NodeSettings(null, "admin", "Node-Secret-0815", null), Ct);

        var answers = new List<string>
        {
            await add.Content.ReadAsStringAsync(Ct),
            await node.Content.ReadAsStringAsync(Ct),
            await client.GetStringAsync("/api/bridges", Ct),
            await client.GetStringAsync($"/api/bridges/{bridge.Id}", Ct),
            await client.GetStringAsync($"/api/bridges/{bridge.Id}/tickets?includeFiltered=true", Ct),
            await client.GetStringAsync("/api/tickets", Ct),
        };

        Assert.All(answers, a => Assert.DoesNotContain("Cms-Secret-4711", a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain("Node-Secret-0815", a, StringComparison.Ordinal));
        Assert.True((await GetBridgeAsync(client, bridge.Id)).Nodes.Single(n => n.Id == core2.Id).HasOwnPassword);
        var stored = await convene.DbAsync(db => db.BridgeNodes.Where(n => n.BridgeId == bridge.Id).ToListAsync(Ct));
        var secrets = convene.Services.GetRequiredService<BridgeSecrets>();
        var seed = stored.Single(n => n.IsSeed);
        Assert.DoesNotContain("Cms-Secret-4711", seed.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal("Cms-Secret-4711", secrets.Unprotect(seed.ProtectedPassword!));
        var own = stored.Single(n => n.Id == core2.Id);
        Assert.DoesNotContain("Node-Secret-0815", own.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal("Node-Secret-0815", secrets.Unprotect(own.ProtectedPassword!));
    }
}

public sealed class AccountsApiTests_Sqlite() : AccountsApiTests(DatabaseKind.Sqlite, null);

public sealed class AccountsApiTests_Postgres(PostgresServer postgres) : AccountsApiTests(DatabaseKind.Postgres, postgres);
