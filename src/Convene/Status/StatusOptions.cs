namespace Convene.Status;

public sealed class StatusOptions
{
    public const string Section = "Convene:Status";

    /// <summary>How often every node's <c>system/status</c> is read.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long samples are kept for graphs.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Share of a bridge's placeholders booked at once, in the look-ahead, above which a ticket is raised.</summary>
    public double PoolWarningShare { get; set; } = 0.8;

    public TimeSpan PoolLookahead { get; set; } = TimeSpan.FromDays(7);
}
