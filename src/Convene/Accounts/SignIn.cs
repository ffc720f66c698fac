using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Convene.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    Success,

    /// <summary>Wrong user name or password, a disabled user, or a locked account: all answered alike (401).</summary>
    Refused,

    /// <summary>The client address made too many failed attempts; answered 429 with <c>Retry-After</c>.</summary>
    Throttled,
}

/// <summary>The outcome, the user on success, and how long to wait when throttled.</summary>
public sealed record SignInResult(SignInOutcome Outcome, User? User = null, TimeSpan? RetryAfter = null);

/// <summary>Checks a user name and password against the users table: refuses disabled and locked users,
/// locks an account after <see cref="SignInOptions.LockoutThreshold"/> failures in a row, throttles a
/// client address that keeps failing (<see cref="SignInThrottle"/>), and logs each failure once.</summary>
public sealed class SignIn(ConveneDb db, IPasswordHasher<User> hasher, IMemoryCache cache, SignInThrottle throttle,
    IOptions<SignInOptions> options, TimeProvider time, ILogger<SignIn> logger)
{
    public const string StampClaim = "convene:stamp";
    public const string SessionClaim = "convene:session";

    /// <summary>Checks the credentials sent from <paramref name="address"/> over <paramref name="path"/>
    /// (<c>login</c> or <c>Basic</c>). With <paramref name="remember"/>, a verified password is remembered
    /// for this user, security stamp and password hash only (HTTP Basic sends it with every request, and
    /// a hash takes tens of milliseconds by design); the user's row is read on every call all the same.</summary>
    public async Task<SignInResult> CheckAsync(string userName, string password, string address, string path, bool remember, CancellationToken cancellationToken)
    {
        if (throttle.Wait(address) is { } wait)
        {
            return new SignInResult(SignInOutcome.Throttled, RetryAfter: wait);
        }
        var user = await FindAsync(userName, cancellationToken);
        var now = time.GetUtcNow();
        string? reason = user switch
        {
            null => "no such user",
            { Disabled: true } => "the user is disabled",
            { LockedUntilUtc: { } until } when until > now => "the account is locked",
            _ => null,
        };
        if (reason is not null)
        {
            // Same work as a real check, so an unknown name takes as long as a wrong password.
            hasher.VerifyHashedPassword(new User { UserName = "", NormalizedUserName = "", PasswordHash = "", SecurityStamp = "" }, Dummy, password);
            return Fail(userName, address, path, reason);
        }
        var key = remember ? CacheKey(user!, password) : null;
        if (key is null || !cache.TryGetValue(key, out _))
        {
            var result = hasher.VerifyHashedPassword(user!, user!.PasswordHash, password);
            if (result == PasswordVerificationResult.Failed)
            {
                await CountFailureAsync(user.Id, now, cancellationToken);
                return Fail(userName, address, path, "wrong password");
            }
            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                var rehashed = hasher.HashPassword(user, password);
                await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == user.PasswordHash)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
            }
            else if (key is not null)
            {
                cache.Set(key, true, TimeSpan.FromMinutes(5));
            }
        }
        if (user!.FailedSignIns > 0 || user.LockedUntilUtc is not null)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntilUtc, (DateTimeOffset?)null), cancellationToken);
        }
        return new SignInResult(SignInOutcome.Success, user);
    }

    /// <summary>The user with this name (compared without regard to case), read without tracking.</summary>
    public async Task<User?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        if (UserNames.Problem(userName) is not null)
        {
            return null;
        }
        var normalized = UserNames.Normalize(userName);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
    }

    /// <summary>The principal of a signed-in user: id, name, current role, security stamp and, for a
    /// cookie, the session.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme, Guid? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(StampClaim, user.SecurityStamp),
        };
        if (session is { } id)
        {
            claims.Add(new Claim(SessionClaim, id.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The address a request came from: the forwarded one only when a configured proxy sent it
    /// (see <see cref="ProxyExtensions"/>), IPv4 written as IPv4.</summary>
    public static string ClientAddress(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        return ip is null ? "unknown" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    private async Task CountFailureAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Atomic in the database, so parallel guesses are all counted.
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken);
        var until = now + o.LockoutDuration;
        await db.Users.Where(u => u.Id == id && u.FailedSignIns >= o.LockoutThreshold)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntilUtc, until), cancellationToken);
    }

    private SignInResult Fail(string userName, string address, string path, string reason)
    {
        throttle.Failed(address);
        Log.SignInFailed(logger, Printable(userName), address, path, reason);
        return new SignInResult(SignInOutcome.Refused);
    }

    /// <summary>The name as sent, cut short and with control characters escaped, so a log line stays one line.</summary>
    private static string Printable(string userName)
    {
        var text = new StringBuilder();
        foreach (var c in userName.Length > 100 ? userName[..100] : userName)
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c);
        }
        return userName.Length > 100 ? text.Append('…').ToString() : text.ToString();
    }

    private static string CacheKey(User user, string password) => "basic:" + Convert.ToHexString(SHA256.HashData(
        Encoding.UTF8.GetBytes($"{user.Id}\n{user.SecurityStamp}\n{user.PasswordHash}\n{password}")));

    private static readonly string Dummy = new PasswordHasher<User>().HashPassword(
        new User { UserName = "", NormalizedUserName = "", PasswordHash = "", SecurityStamp = "" }, "not a password");
}
