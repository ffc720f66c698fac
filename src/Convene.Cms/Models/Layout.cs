namespace Convene.Cms;

/// <summary>A CMS screen layout (<c>defaultLayout</c>, <c>chosenLayout</c>). On the wire in camelCase.</summary>
public enum Layout
{
    /// <summary>Equal panes, 4 to 25.</summary>
    AllEqual,

    /// <summary>The speaker full screen ("full screen" in Web Admin).</summary>
    SpeakerOnly,

    /// <summary>Speaker with overlaid panes ("overlay").</summary>
    Telepresence,

    /// <summary>Speaker above a row of panes ("stack").</summary>
    Stacked,

    /// <summary>Four equal panes.</summary>
    AllEqualQuarters,

    /// <summary>Nine equal panes.</summary>
    AllEqualNinths,

    /// <summary>Sixteen equal panes.</summary>
    AllEqualSixteenths,

    /// <summary>Twenty-five equal panes.</summary>
    AllEqualTwentyFifths,

    /// <summary>One large and five small panes.</summary>
    OnePlusFive,

    /// <summary>One large and seven small panes.</summary>
    OnePlusSeven,

    /// <summary>One large and nine small panes.</summary>
    OnePlusNine,

    /// <summary>Adapts to the number of participants.</summary>
    Automatic,

    /// <summary>One large and N small panes.</summary>
    OnePlusN,
}
