using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>What the account tests share: users made through the API, and browsers that sign in with the cookie.</summary>
public abstract class AccountsTest(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    protected const string Password = "a-password-of-length";

    protected static async Task<UserDto> CreateUserAsync(HttpClient admin, string name, Role role, string password = Password)
    {
        using var response = await admin.PostAsJsonAsync("/api/users", new NewUser(name, password, role), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<UserDto>(Ct))!;
    }

    /// <summary>A client that keeps cookies, signed in with the login.</summary>
    protected static async Task<Browser> SignInAsync(ConveneFactory convene, string name, string password = Password)
    {
        var browser = new Browser(convene.Address);
        using var login = await browser.Client.PostAsJsonAsync("/api/account/login", new LoginRequest(name, password), Ct);
        Assert.True(login.StatusCode == HttpStatusCode.NoContent, $"Login of {name} answered {(int)login.StatusCode}");
        return browser;
    }

    protected static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return response.StatusCode;
    }

    protected static async Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, UserChange change) =>
        await client.PatchAsJsonAsync($"/api/users/{id}", change, Ct);
}

/// <summary>An HttpClient with a cookie jar; <see cref="Copy"/> makes a second client that sends the same cookie.</summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer() };

    public Browser(Uri address)
    {
        Client = new HttpClient(_handler) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>The cookie header this browser sends.</summary>
    public string CookieHeader => _handler.CookieContainer.GetCookieHeader(Client.BaseAddress!);

    /// <summary>A plain client that sends this browser's cookie as it is now: a stolen or copied cookie.</summary>
    public HttpClient Copy()
    {
        var copy = new HttpClient { BaseAddress = Client.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", CookieHeader);
        return copy;
    }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
