using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>HTTP Basic against Convene's users, for the REST API and the CLI.</summary>
internal sealed class BasicAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignIn signIn, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, Name, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not base64.");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthenticateResult.Fail("The Basic credentials have no user name.");
        }
        // A password hash takes tens of milliseconds by design; a CLI or script sends many requests, so a
        // verified pair is remembered briefly, by a digest, never in clear.
        var key = "basic:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(decoded)));
        if (!cache.TryGetValue(key, out ClaimsPrincipal? principal))
        {
            principal = await signIn.CheckAsync(decoded[..colon], decoded[(colon + 1)..], Name, Context.RequestAborted);
            if (principal is not null)
            {
                cache.Set(key, principal, TimeSpan.FromSeconds(30));
            }
        }
        return principal is null
            ? AuthenticateResult.Fail("Wrong user name or password.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Convene\"";
        return Task.CompletedTask;
    }
}
