namespace Convene.Placeholders;

public sealed class PlaceholderOptions
{
    public const string Section = "Convene:Placeholders";

    /// <summary>Most numeric IDs one bridge may have placeholders for.</summary>
    public int MaxQuantity { get; set; } = 20_000;

    /// <summary>How often a running bulk sync is polled.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a bulk sync may run before provisioning is given up as failed.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
