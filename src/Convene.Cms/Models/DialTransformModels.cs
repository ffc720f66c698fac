using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>How a dial transform splits a dialled address into components (<c>type</c>, API reference,
/// "Dial Transforms").</summary>
public enum DialTransformType
{
    /// <summary><c>$1</c> is the address as dialled.</summary>
    Raw,

    /// <summary><c>$1</c> is the address without dots, dashes and spaces.</summary>
    Strip,

    /// <summary>The address read as a phone number (country code, area code, local number).</summary>
    Phone,
}

/// <summary>What a matching dial transform does with the address (<c>action</c>).</summary>
public enum DialTransformAction
{
    /// <summary>Dial the transformed address.</summary>
    Accept,

    /// <summary>Dial the transformed address as a phone number.</summary>
    AcceptPhone,

    /// <summary>Refuse the call.</summary>
    Deny,
}

/// <summary>A dial transform (<c>/dialTransforms</c>): before the outbound dial plan rules, the
/// highest-priority transform whose <c>match</c> holds rewrites a dialled address with its
/// <c>transform</c> (API reference, "Dial Transforms"). Unset values are null.</summary>
/// <param name="Id">The transform's id.</param>
/// <param name="Type">How the address is split into components (CMS's default <c>raw</c>).</param>
/// <param name="Match">AND'd terms such as <c>$1/^0[0-9]+$/</c>; empty matches every address.</param>
/// <param name="Transform">The new address: literal text with <c>$N</c> component references.</param>
/// <param name="Priority">Higher is tried first.</param>
/// <param name="Action">What a match does (CMS's default <c>accept</c>).</param>
public sealed record CmsDialTransform(string Id, DialTransformType? Type, string? Match, string? Transform, long? Priority,
    DialTransformAction? Action)
{
    internal static CmsDialTransform Parse(XElement e) => new(e.Id(), e.Enum<DialTransformType>("type"), e.Text("match"),
        e.Text("transform"), e.Long("priority"), e.Enum<DialTransformAction>("action"));
}

/// <summary>Values for creating or changing a dial transform; only what is set is sent.</summary>
public sealed record DialTransformChanges
{
    /// <summary>How the address is split into components.</summary>
    public CmsParam<DialTransformType> Type { get; init; }

    /// <summary>The match expression: AND'd <c>$N/regex/</c> terms.</summary>
    public CmsParam<string> Match { get; init; }

    /// <summary>The rewrite: literal text with <c>$N</c> references.</summary>
    public CmsParam<string> Transform { get; init; }

    /// <summary>Higher is tried first.</summary>
    public CmsParam<long> Priority { get; init; }

    /// <summary>What a match does.</summary>
    public CmsParam<DialTransformAction> Action { get; init; }

    internal FormBody ToForm() => new FormBody().Add("type", Type).Add("match", Match).Add("transform", Transform)
        .Add("priority", Priority).Add("action", Action);
}
