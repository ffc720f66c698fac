using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>HTTP Basic (RFC 7617) against Convene's users, for the REST API and the CLI. Every request is
/// checked against the user's current row (<see cref="SignIn"/>), so a deleted, disabled, locked or changed
/// user is refused at once; a client address that keeps failing is answered 429 with <c>Retry-After</c>.</summary>
internal sealed class BasicAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignIn signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Basic";

    private TimeSpan? _retryAfter;

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
        var result = await signIn.CheckAsync(decoded[..colon], decoded[(colon + 1)..], SignIn.ClientAddress(Context), Name, remember: true, Context.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Success:
                return AuthenticateResult.Success(new AuthenticationTicket(SignIn.Principal(result.User!, Name), Name));
            case SignInOutcome.Throttled:
                _retryAfter = result.RetryAfter;
                return AuthenticateResult.Fail("Too many failed sign-ins from this address.");
            default:
                return AuthenticateResult.Fail("Wrong user name or password.");
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_retryAfter is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = SignInThrottle.Seconds(wait);
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Convene\"";
        return Task.CompletedTask;
    }
}
