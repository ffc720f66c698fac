using System.ComponentModel.DataAnnotations;

namespace Convene.Ui.Live;

/// <summary>The live pages (<c>/live</c>, <c>/live/{id}</c>), section <c>Convene:Ui:Live</c>.</summary>
public sealed class LiveViewOptions
{
    public const string Section = "Convene:Ui:Live";

    /// <summary>How often an open live page reads its meetings again even when this process saw no change (a change
    /// made by another Convene instance on the same database). Timed by the application's <see cref="TimeProvider"/>.
    /// Changes saved by this process show at once, without waiting for it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the server keeps the circuit of a page whose browser went away without saying so (a lost
    /// network, a closed laptop), so that the page reconnects with its state; a page left normally ends its circuit at
    /// once. Blazor's <c>CircuitOptions.DisconnectedCircuitRetentionPeriod</c>, whose default this is.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(3);
}
