using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;

namespace Convene.Tests.Accounts;

/// <summary>Forwarded headers are trusted from configured proxies only: the cookie is Secure behind a
/// TLS-terminating proxy, and the client address used for throttling is the forwarded one.</summary>
public abstract class ProxyTests(DatabaseKind kind, PostgresServer? postgres) : AccountsTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Login_BehindAKnownProxySayingHttps_SetsASecureCookie()
    {
        var convene = await StartConveneAsync(s => s["Convene:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1");

        var cookie = await LoginCookieAsync(convene);

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_FromAnUnknownProxySayingHttps_IsNotTrusted()
    {
        var convene = await StartConveneAsync();

        var cookie = await LoginCookieAsync(convene);

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task FailedSignIns_FromAKnownProxy_AreCountedPerForwardedAddress()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
            s["Convene:SignIn:FailuresPerAddress"] = "2";
            s["Convene:SignIn:AddressWindow"] = "01:00:00";
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await GuessAsync(convene, $"203.0.113.{i}"));
        }
        statuses.Add(await GuessAsync(convene, "203.0.113.9"));
        statuses.Add(await GuessAsync(convene, "203.0.113.9"));
        statuses.Add(await GuessAsync(convene, "203.0.113.9"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 6), HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains(convene.Log.Entries, e => e.EventId == 1004 && e.Message.Contains("203.0.113.9", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task FailedSignIns_WithForwardedForFromAnUnknownProxy_AreCountedAgainstTheConnection()
    {
        var convene = await StartConveneAsync(s =>
        {
            s["Convene:SignIn:FailuresPerAddress"] = "2";
            s["Convene:SignIn:AddressWindow"] = "01:00:00";
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await GuessAsync(convene, $"203.0.113.{i}"));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.DoesNotContain(convene.Log.Entries, e => e.Message.Contains("203.0.113.", StringComparison.Ordinal));
    }

    private static async Task<string> LoginCookieAsync(ConveneFactory convene)
    {
        using var client = new HttpClient { BaseAddress = convene.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login")
        {
            Content = JsonContent.Create(new LoginRequest(ConveneFactory.AdminUser, ConveneFactory.AdminPassword)),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("convene=", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> GuessAsync(ConveneFactory convene, string forwardedFor)
    {
        var client = convene.Client(ConveneFactory.AdminUser, "a-wrong-guess");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/bridges");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}

public sealed class ProxyTests_Sqlite() : ProxyTests(DatabaseKind.Sqlite, null);

public sealed class ProxyTests_Postgres(PostgresServer postgres) : ProxyTests(DatabaseKind.Postgres, postgres);
