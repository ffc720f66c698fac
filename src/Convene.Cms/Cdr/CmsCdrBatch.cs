using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary>One POST from a CMS to a CDR receiver: <c>&lt;records session="…" callBridge="…"&gt;</c> with its
/// records in the order the bridge wrote them (CDR guide §2 "General Mechanism" and §6 "Example Traffic Flow").</summary>
/// <param name="Session">The id of the bridge's CDR session (a GUID, required); the record indexes count
/// within it, so a receiver stores it with each record to tell a resent record from a new one.</param>
/// <param name="CallBridge">The id of the Call Bridge that wrote the batch (each node sends CDRs only for the
/// calls and legs it hosts); null when the batch does not say.</param>
/// <param name="Records">The readable records, in document order; types this parser does not know are
/// <see cref="CmsCdrUnknownRecord"/>s.</param>
/// <param name="Malformed">Records that could not be read (a missing attribute or id, a number that is not
/// one), with their position and the reason; the other records of the batch are kept.</param>
public sealed record CmsCdrBatch(string Session, string? CallBridge, IReadOnlyList<CmsCdrRecord> Records,
    IReadOnlyList<CmsCdrMalformedRecord> Malformed);

/// <summary>A child of <c>&lt;records&gt;</c> that could not be read as a record. Nothing is dropped: the raw
/// element is kept so a receiver can log or store it.</summary>
/// <param name="Position">0-based position among the element children of <c>&lt;records&gt;</c>.</param>
/// <param name="Type">The <c>type</c> attribute when there is one.</param>
/// <param name="RecordIndex">The <c>recordIndex</c> attribute when it is a number.</param>
/// <param name="CorrelatorIndex">The <c>correlatorIndex</c> attribute when it is a number.</param>
/// <param name="Reason">What is wrong, naming the element or attribute.</param>
/// <param name="Raw">The element as received.</param>
public sealed record CmsCdrMalformedRecord(int Position, string? Type, long? RecordIndex, long? CorrelatorIndex, string Reason, XElement Raw);
