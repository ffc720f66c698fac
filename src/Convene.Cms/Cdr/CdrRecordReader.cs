using System.Globalization;
using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary>Reads one <c>&lt;record&gt;</c>: its header attributes, then the inner element its type names
/// (CDR guide §4: <c>&lt;call&gt;</c> for call records, <c>&lt;callLeg&gt;</c> for leg records,
/// <c>&lt;recording&gt;</c> and <c>&lt;streaming&gt;</c> for the others). Throws <see cref="FormatException"/>
/// for a record that cannot be read; the parser reports it as malformed and goes on.</summary>
internal static class CdrRecordReader
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static readonly Dictionary<string, (string Inner, Func<CdrHeader, CdrElementReader, CmsCdrRecord> Read)> Known =
        new(StringComparer.Ordinal)
        {
            ["callStart"] = ("call", CmsCdrCallStart.Read),
            ["callEnd"] = ("call", CmsCdrCallEnd.Read),
            ["callLegStart"] = ("callLeg", CmsCdrCallLegStart.Read),
            ["callLegUpdate"] = ("callLeg", CmsCdrCallLegUpdate.Read),
            ["callLegEnd"] = ("callLeg", CmsCdrCallLegEnd.Read),
            ["recordingStart"] = ("recording", CmsCdrRecordingStart.Read),
            ["recordingEnd"] = ("recording", CmsCdrRecordingEnd.Read),
            ["streamingStart"] = ("streaming", CmsCdrStreamingStart.Read),
            ["streamingEnd"] = ("streaming", CmsCdrStreamingEnd.Read),
        };

    public static CmsCdrRecord Read(XElement record)
    {
        var type = CdrElementReader.Clean(record.Attribute("type")?.Value) ?? throw new FormatException("<record> has no type attribute");
        var header = new CdrHeader(type, Time(record), Index(record, "recordIndex"), Index(record, "correlatorIndex"), record);
        if (!Known.TryGetValue(type, out var known))
        {
            return new CmsCdrUnknownRecord(header);
        }
        var inner = record.Element(known.Inner) ?? throw new FormatException($"<record type=\"{type}\"> has no <{known.Inner}> element");
        var reader = new CdrElementReader(inner);
        var read = known.Read(header, reader);
        var others = record.Elements().Where(e => e != inner).Select(e => new XElement(e));
        return read with { Extra = [.. reader.Unread(), .. others] };
    }

    /// <summary>What can still be told of a record that could not be read.</summary>
    public static CmsCdrMalformedRecord Malformed(int position, XElement element, string reason) => new(position,
        element.Name.LocalName == "record" ? CdrElementReader.Clean(element.Attribute("type")?.Value) : null,
        TryIndex(element, "recordIndex"), TryIndex(element, "correlatorIndex"), reason, element);

    private static DateTimeOffset Time(XElement record)
    {
        var text = CdrElementReader.Clean(record.Attribute("time")?.Value) ?? throw new FormatException("<record> has no time attribute");
        return DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"<record time=\"{text}\"> is not an RFC 3339 time");
    }

    private static long Index(XElement record, string name)
    {
        var text = CdrElementReader.Clean(record.Attribute(name)?.Value) ?? throw new FormatException($"<record> has no {name} attribute");
        return TryIndex(record, name) ?? throw new FormatException($"<record {name}=\"{text}\"> is not a whole number of 0 or more");
    }

    private static long? TryIndex(XElement record, string name) =>
        long.TryParse(record.Attribute(name)?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
