namespace Convene.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Convene:Admin";

    /// <summary>The first administrator, made when no user exists yet.</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>Its password; when empty, a random one is written to <c>initial-admin-password.txt</c>.</summary>
    public string? Password { get; set; }
}

/// <summary>How sign-in resists guessing and how long a cookie session lasts.</summary>
public sealed class SignInOptions
{
    public const string Section = "Convene:SignIn";

    /// <summary>Failed sign-ins in a row after which an account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in (an Administrator can unlock it sooner).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins (cookie login or HTTP Basic) one client address may make per
    /// <see cref="AddressWindow"/> before it is answered 429. Successful Basic requests do not count.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Login requests (successful or not) one client address may make per <see cref="AddressWindow"/>.</summary>
    public int LoginsPerAddress { get; set; } = 30;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a cookie session lasts at most, however active (12 h without a request end it sooner).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);
}
