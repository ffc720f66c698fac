namespace Convene.Placeholders;

public sealed class PlaceholderOptions
{
    public const string Section = "Convene:Placeholders";

    /// <summary>Most numeric IDs one bridge may have placeholders for.</summary>
    public int MaxQuantity { get; set; } = 20_000;

    /// <summary>How often a running bulk sync is polled.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a bulk sync may run before provisioning is given up as failed (the drift check
    /// finishes it once the sync has ended).</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the placeholders are compared with the bridge (<see cref="PlaceholderDriftCheck"/>).</summary>
    public TimeSpan DriftCheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many placeholders per bridge and check are read in full (GET coSpaces/{id}) for what the
    /// space list does not show (non-member access, passcode); the next check interval reads the next ones.</summary>
    public int DriftDetailsPerCheck { get; set; } = 100;
}
