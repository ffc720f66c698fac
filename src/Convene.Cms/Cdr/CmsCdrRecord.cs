using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary>One <c>&lt;record type="…" time="…" recordIndex="…" correlatorIndex="…"&gt;</c> of a CDR batch
/// (CDR guide §3 "Record Types"). The concrete type says which record it is; switch on it:
/// <see cref="CmsCdrCallStart"/>, <see cref="CmsCdrCallEnd"/>, <see cref="CmsCdrCallLegStart"/>,
/// <see cref="CmsCdrCallLegUpdate"/>, <see cref="CmsCdrCallLegEnd"/>, <see cref="CmsCdrRecordingStart"/>,
/// <see cref="CmsCdrRecordingEnd"/>, <see cref="CmsCdrStreamingStart"/>, <see cref="CmsCdrStreamingEnd"/>,
/// or <see cref="CmsCdrUnknownRecord"/> for a type this parser does not know.</summary>
public abstract record CmsCdrRecord
{
    private protected CmsCdrRecord(CdrHeader header)
    {
        Type = header.Type;
        Time = header.Time;
        RecordIndex = header.RecordIndex;
        CorrelatorIndex = header.CorrelatorIndex;
        Raw = header.Raw;
    }

    /// <summary>The <c>type</c> attribute as written (<c>callStart</c>, <c>callLegEnd</c>, …).</summary>
    public string Type { get; }

    /// <summary>When the event happened: the <c>time</c> attribute, RFC 3339 (<c>2015-07-23T07:32:55Z</c>), in UTC (offset zero).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The <c>recordIndex</c> attribute: a counter the bridge increments per record. It and
    /// <see cref="CorrelatorIndex"/> are different counters (the guide's §6 example has recordIndex 4 with
    /// correlatorIndex 3), so neither may stand in for the other.</summary>
    public long RecordIndex { get; }

    /// <summary>The <c>correlatorIndex</c> attribute: the second counter, which <c>system/status</c>
    /// <c>cdrCorrelatorIndex</c> (2.2+, "index of the next CDR record to be sent") follows by its name. With the
    /// batch's <see cref="CmsCdrBatch.Session"/> it identifies a record across the resends a failed POST causes
    /// (receivers in the field key their stores on session and correlatorIndex).</summary>
    public long CorrelatorIndex { get; }

    /// <summary>The whole <c>&lt;record&gt;</c> element as received, for logging or storing; it also holds
    /// unknown children of nested elements (<c>rxVideo</c>, <c>mediaUsagePercentages</c>, …).</summary>
    public XElement Raw { get; }

    /// <summary>Children of the record's inner element (<c>&lt;call&gt;</c>, <c>&lt;callLeg&gt;</c>, …) that this
    /// parser does not read, and any further children of <c>&lt;record&gt;</c>; empty when there are none.
    /// A newer CMS's additions show up here instead of being lost.</summary>
    public IReadOnlyList<XElement> Extra { get; init; } = [];
}

/// <summary>A record whose <c>type</c> this parser does not know: its header is read, everything else is in
/// <see cref="CmsCdrRecord.Raw"/>.</summary>
public sealed record CmsCdrUnknownRecord : CmsCdrRecord
{
    internal CmsCdrUnknownRecord(CdrHeader header)
        : base(header)
    {
    }
}

/// <summary>The attributes every record carries, read before its body.</summary>
internal readonly record struct CdrHeader(string Type, DateTimeOffset Time, long RecordIndex, long CorrelatorIndex, XElement Raw);
