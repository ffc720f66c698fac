using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A bulk parameter set: the template for a numbered range of spaces (CMS 2.0+).</summary>
/// <param name="Id">The set's id.</param>
/// <param name="StartIndex">First index, inclusive.</param>
/// <param name="EndIndex">Last index, inclusive.</param>
/// <param name="UriMapping">URI user part per index, with <c>$index$</c>.</param>
/// <param name="NameMapping">Name per index.</param>
/// <param name="CallIdMapping">Call ID per index.</param>
/// <param name="Tenant">Tenant of the spaces.</param>
/// <param name="CallProfile">Call profile of the spaces.</param>
/// <param name="CallLegProfile">Call leg profile (sent by TMS; not in Cisco's documentation).</param>
/// <param name="NonMemberAccess">Whether non-members may join the spaces.</param>
public sealed record CmsBulkParameterSet(string Id, int? StartIndex, int? EndIndex, string? UriMapping, string? NameMapping, string? CallIdMapping,
    string? Tenant, string? CallProfile, string? CallLegProfile, bool? NonMemberAccess)
{
    internal static CmsBulkParameterSet Parse(XElement e) => new(e.Id(), e.Int("startIndex"), e.Int("endIndex"), e.Text("coSpaceUriMapping"),
        e.Text("coSpaceNameMapping"), e.Text("coSpaceCallIdMapping"), e.Text("tenant"), e.Text("callProfile"), e.Text("callLegProfile"),
        e.Bool("nonMemberAccess"));
}

/// <summary>Values for creating or changing a bulk parameter set. A mapping is literal text with at most
/// one <c>$index$</c>; <see cref="Mapping(string, string)"/> escapes literal <c>$</c> and <c>\</c>.</summary>
public sealed record BulkParameterSetChanges
{
    /// <summary>First index, inclusive.</summary>
    public CmsParam<int> StartIndex { get; init; }

    /// <summary>Last index, inclusive.</summary>
    public CmsParam<int> EndIndex { get; init; }

    /// <summary>URI user part per index, such as <c>$index$</c>.</summary>
    public CmsParam<string> UriMapping { get; init; }

    /// <summary>Name per index, such as <c>TMS_Scheduled_Meeting_$index$</c>.</summary>
    public CmsParam<string> NameMapping { get; init; }

    /// <summary>Call ID per index, such as <c>$index$</c>.</summary>
    public CmsParam<string> CallIdMapping { get; init; }

    /// <summary>Tenant of the spaces.</summary>
    public CmsParam<string> Tenant { get; init; }

    /// <summary>Call profile of the spaces.</summary>
    public CmsParam<string> CallProfile { get; init; }

    /// <summary>Call leg profile of the spaces (TMS sends it; CMS documents it nowhere).</summary>
    public CmsParam<string> CallLegProfile { get; init; }

    /// <summary>Whether non-members may join the spaces (CMS's default is true).</summary>
    public CmsParam<bool> NonMemberAccess { get; init; }

    /// <summary>A mapping of <paramref name="prefix"/>, the index, and <paramref name="suffix"/>, escaped.</summary>
    public static string Mapping(string prefix, string suffix = "") => Escape(prefix) + "$index$" + Escape(suffix);

    internal FormBody ToForm() => new FormBody().Add("startIndex", StartIndex).Add("endIndex", EndIndex)
        .Add("coSpaceUriMapping", UriMapping).Add("coSpaceNameMapping", NameMapping).Add("coSpaceCallIdMapping", CallIdMapping)
        .Add("tenant", Tenant).Add("callProfile", CallProfile).Add("callLegProfile", CallLegProfile).Add("nonMemberAccess", NonMemberAccess);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);
}

/// <summary>Where a bulk sync stands.</summary>
public enum BulkSyncStatus
{
    /// <summary>A status this client does not know.</summary>
    Unknown,

    /// <summary>Queued.</summary>
    Pending,

    /// <summary>Under way.</summary>
    Running,

    /// <summary>Done: the spaces exist.</summary>
    Complete,

    /// <summary>Failed for another reason.</summary>
    Failed,

    /// <summary>A URI is already used by another space.</summary>
    FailedCoSpaceUriConflict,

    /// <summary>A call ID is already used by another space.</summary>
    FailedCallIdConflict,

    /// <summary>The start index is after the end index.</summary>
    FailedIndexRangeInvalid,

    /// <summary>The range is larger than the bridge allows.</summary>
    FailedIndexRangeTooGreat,

    /// <summary>The parameter set does not exist.</summary>
    FailedNoSuchParameterSet,
}

/// <summary>A bulk sync: the run that makes (or removes) a parameter set's spaces in one transaction.</summary>
/// <param name="Id">The sync's id.</param>
/// <param name="ParameterSet">The parameter set it runs.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StatusText">The status as the bridge wrote it.</param>
/// <param name="RemoveAll">It only removes the set's spaces.</param>
public sealed record CmsBulkSync(string Id, string? ParameterSet, BulkSyncStatus Status, string? StatusText, bool? RemoveAll)
{
    /// <summary>True once it has completed or failed.</summary>
    public bool IsTerminal => Status is not (BulkSyncStatus.Pending or BulkSyncStatus.Running);

    internal static CmsBulkSync Parse(XElement e)
    {
        var text = e.Text("status")?.Trim();
        var status = text is null ? BulkSyncStatus.Unknown : CmsEnum.Parse<BulkSyncStatus>(text) ?? (text.StartsWith("failed", StringComparison.Ordinal) ? BulkSyncStatus.Failed : BulkSyncStatus.Unknown);
        return new CmsBulkSync(e.Id(), e.Text("cospaceBulkParameterSet"), status, text, e.Bool("removeAll"));
    }
}
