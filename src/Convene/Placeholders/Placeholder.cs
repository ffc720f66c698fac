namespace Convene.Placeholders;

/// <summary>A pre-made space for one numeric ID of a bridge's range (<c>TMS_Scheduled_Meeting_N</c>).</summary>
public sealed class Placeholder
{
    public Guid Id { get; set; }

    public Guid BridgeId { get; set; }

    /// <summary>The numeric ID: URI user part and call ID.</summary>
    public long NumericId { get; set; }

    /// <summary>The space's id on the bridge.</summary>
    public required string SpaceId { get; set; }

    public required string Name { get; set; }

    /// <summary>Made by TMS (or another tool) and taken over: Convene never deletes it.</summary>
    public bool Adopted { get; set; }
}
