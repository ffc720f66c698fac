using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Convene.Accounts;

/// <summary>Counts failed sign-ins per client address (both the login and HTTP Basic): once an address has
/// made <see cref="SignInOptions.FailuresPerAddress"/> in a window, its sign-ins are answered 429 with
/// <c>Retry-After</c> (RFC 6585 §4) until the window ends. Successful sign-ins cost nothing, so a script
/// that signs in correctly is never throttled.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = o.FailuresPerAddress, Window = o.AddressWindow, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>How long the address must wait before its next sign-in attempt, or null when it may try now.</summary>
    public TimeSpan? Wait(string address)
    {
        using var lease = _failures.AttemptAcquire(address, 0);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>Counts a failed sign-in from the address.</summary>
    public void Failed(string address) => _failures.AttemptAcquire(address, 1).Dispose();

    /// <summary>The <c>Retry-After</c> value: whole seconds, at least 1.</summary>
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);

    public void Dispose() => _failures.Dispose();
}
