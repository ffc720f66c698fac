namespace Convene.Cms.Simulator.Protocol;

internal enum ParamKind
{
    Text,
    Bool,
    Int,
    Digits,
    UriUserPart,
    Choice,
    Reference,

    /// <summary>A number of seconds, or the word <c>permanent</c> (a call's <c>messageDuration</c>).</summary>
    SecondsOrPermanent,
}

/// <summary>What the simulator knows of one parameter of a CMS object: its type and, for a reference,
/// which table it points into and the failure reason when the id is not there.</summary>
internal sealed record ParamSpec(string Name, ParamKind Kind)
{
    public IReadOnlyList<string> Choices { get; init; } = [];

    public int Min { get; init; } = int.MinValue;

    public int Max { get; init; } = int.MaxValue;

    public int MaxLength { get; init; } = 2048;

    /// <summary>The most bytes the value may take in UTF-8 (a name label's 50), when the reference counts bytes.</summary>
    public int? MaxUtf8Bytes { get; init; }

    /// <summary>Sent on create only (CMS refuses it on modify, e.g. a leg's <c>remoteParty</c>).</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Sent on modify only (e.g. <c>regenerateSecret</c>); never stored.</summary>
    public bool ModifyOnly { get; init; }

    /// <summary>The CMS version that removed this parameter (e.g. <c>messageBoardEnabled</c> in 3.0).</summary>
    public Version? RemovedIn { get; init; }

    /// <summary>The CMS version that added this parameter (e.g. a call profile's <c>name</c> in 3.0): an
    /// older version ignores it like any parameter it does not know.</summary>
    public Version? AddedIn { get; init; }

    public string? ReferenceTable { get; init; }

    public string? MissingReason { get; init; }

    public static ParamSpec Text(string name, int maxLength = 2048) => new(name, ParamKind.Text) { MaxLength = maxLength };

    /// <summary>A leg's or participant's <c>nameLabelOverride</c>: at most 50 bytes of UTF-8, from 2.4 (API blueprint,
    /// callLegProfile and participant parameters).</summary>
    public static ParamSpec NameLabel() => new("nameLabelOverride", ParamKind.Text) { MaxLength = 50, MaxUtf8Bytes = 50, AddedIn = new Version(2, 4) };

    public static ParamSpec Bool(string name) => new(name, ParamKind.Bool);

    public static ParamSpec Int(string name, int min = int.MinValue, int max = int.MaxValue) =>
        new(name, ParamKind.Int) { Min = min, Max = max };

    public static ParamSpec Digits(string name) => new(name, ParamKind.Digits) { MaxLength = 64 };

    public static ParamSpec Uri(string name) => new(name, ParamKind.UriUserPart) { MaxLength = 254 };

    public static ParamSpec Choice(string name, params string[] choices) => new(name, ParamKind.Choice) { Choices = choices };

    public static ParamSpec Ref(string name, string table, string missingReason) =>
        new(name, ParamKind.Reference) { ReferenceTable = table, MissingReason = missingReason };
}
