using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary>Reads the batches a Cisco Meeting Server POSTs to a CDR receiver (the <c>uri</c> of a
/// <c>system/cdrReceivers</c> entry): <c>&lt;records session="…" callBridge="…"&gt;</c> holding
/// <c>&lt;record type="…" time="…" recordIndex="…" correlatorIndex="…"&gt;</c> elements, into typed
/// <see cref="CmsCdrRecord"/>s (Cisco Meeting Server Call Detail Records Guide, 2.x and 3.x: §2 "General
/// Mechanism", §3 "Record Types", §4 "Record Details", §6 "Example Traffic Flow").
/// <para>A body is read like an untrusted API answer: no DTD (so no entity expansion, no external entity),
/// no external resolution, and a size cap (<see cref="MaxBytes"/>) enforced on the declared length and while
/// reading. A body that is not a batch throws <see cref="CmsCdrFormatException"/>. Inside a batch nothing
/// throws: an unknown record type is a <see cref="CmsCdrUnknownRecord"/>, unknown elements are kept in
/// <see cref="CmsCdrRecord.Extra"/>, and a record that cannot be read (say a missing <c>recordIndex</c> or a
/// <c>durationSeconds</c> that is not a number) is reported in <see cref="CmsCdrBatch.Malformed"/> while the
/// batch's other records are returned. Empty or whitespace-only element text is null.</para>
/// <para>Instances are immutable and thread-safe.</para></summary>
public sealed class CmsCdrParser
{
    /// <summary>The default size cap: 8 MiB, far above a batch's usual few kilobytes, so that a backlog a
    /// bridge sends after an outage still fits (a bridge resends a refused batch, so a cap set too low
    /// stalls its CDRs).</summary>
    public const int DefaultMaxBytes = 8 * 1024 * 1024;

    /// <summary>A parser with the cap <paramref name="maxBytes"/> (at least 1024).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is under 1024.</exception>
    public CmsCdrParser(int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        MaxBytes = maxBytes;
    }

    /// <summary>A parser with <see cref="DefaultMaxBytes"/>.</summary>
    public static CmsCdrParser Default { get; } = new();

    /// <summary>The largest body read, in bytes of UTF-8 (for a string, its UTF-8 length).</summary>
    public int MaxBytes { get; }

    /// <summary>Reads a batch held in a string.</summary>
    /// <exception cref="CmsCdrFormatException">Not XML, a DTD, over <see cref="MaxBytes"/>, a root other than
    /// <c>&lt;records&gt;</c>, or no <c>session</c> attribute.</exception>
    public CmsCdrBatch Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        // A character is at least one byte of UTF-8: a string longer than the cap is over it without counting.
        var bytes = xml.Length > MaxBytes ? (long?)null : Encoding.UTF8.GetByteCount(xml);
        if (bytes is null || bytes > MaxBytes)
        {
            throw TooLarge(bytes is null
                ? $"the CDR batch is {xml.Length} characters, over the {MaxBytes}-byte limit"
                : $"the CDR batch is {bytes} bytes, over the {MaxBytes}-byte limit");
        }
        using var reader = new StringReader(xml);
        return Parse(Load(XmlReader.Create(reader, Settings())));
    }

    /// <summary>Reads a batch from <paramref name="body"/> (a request body), to its end or until
    /// <see cref="MaxBytes"/> is passed, whichever comes first. The stream is not disposed.</summary>
    /// <exception cref="CmsCdrFormatException">As for <see cref="Parse(string)"/>.</exception>
    public Task<CmsCdrBatch> ParseAsync(Stream body, CancellationToken cancellationToken = default) =>
        ParseAsync(body, null, cancellationToken);

    /// <summary>Reads a batch from <paramref name="body"/>, refusing at once a body whose
    /// <paramref name="declaredLength"/> (the request's Content-Length) or seekable length is over
    /// <see cref="MaxBytes"/>; a body that proves longer than declared is cut off at the cap.</summary>
    /// <exception cref="CmsCdrFormatException">As for <see cref="Parse(string)"/>.</exception>
    public async Task<CmsCdrBatch> ParseAsync(Stream body, long? declaredLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var length = declaredLength ?? (body.CanSeek ? body.Length - body.Position : null);
        if (length > MaxBytes)
        {
            throw TooLarge($"the CDR batch is {length} bytes, over the {MaxBytes}-byte limit");
        }
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length ?? 16 * 1024, 256, MaxBytes) + 1);
        try
        {
            var read = 0;
            int count;
            while ((count = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += count;
                if (read > MaxBytes)
                {
                    throw TooLarge($"the CDR batch is over the {MaxBytes}-byte limit");
                }
                if (read == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, read).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            using var bytes = new MemoryStream(buffer, 0, read, writable: false);
            return Parse(Load(XmlReader.Create(bytes, Settings())));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a batch already parsed into <paramref name="records"/> (no size cap applies: the caller
    /// parsed it). The records' <see cref="CmsCdrRecord.Raw"/> are elements of that tree.</summary>
    /// <exception cref="CmsCdrFormatException">The element is not <c>&lt;records&gt;</c> or has no <c>session</c>.</exception>
    public static CmsCdrBatch Parse(XElement records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Name.LocalName != "records")
        {
            throw new CmsCdrFormatException(CmsCdrFormatProblem.WrongRoot,
                $"the CDR batch's root element is <{records.Name.LocalName}>, not <records>: is this a Cisco Meeting Server CDR batch?");
        }
        var session = CdrElementReader.Clean(records.Attribute("session")?.Value)
            ?? throw new CmsCdrFormatException(CmsCdrFormatProblem.MissingAttribute, "the CDR batch's <records> element has no session attribute");
        var good = new List<CmsCdrRecord>();
        var malformed = new List<CmsCdrMalformedRecord>();
        var position = 0;
        foreach (var element in records.Elements())
        {
            if (element.Name.LocalName != "record")
            {
                malformed.Add(CdrRecordReader.Malformed(position, element, $"<{element.Name.LocalName}> is not a <record>"));
            }
            else
            {
                try
                {
                    good.Add(CdrRecordReader.Read(element));
                }
                catch (FormatException e)
                {
                    malformed.Add(CdrRecordReader.Malformed(position, element, e.Message));
                }
            }
            position++;
        }
        return new CmsCdrBatch(session, CdrElementReader.Clean(records.Attribute("callBridge")?.Value), good, malformed);
    }

    private XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static XElement Load(XmlReader reader)
    {
        using (reader)
        {
            try
            {
                return XElement.Load(reader);
            }
            catch (XmlException e)
            {
                throw new CmsCdrFormatException(CmsCdrFormatProblem.NotXml, $"the CDR batch is not well-formed XML ({e.Message})", e);
            }
        }
    }

    private static CmsCdrFormatException TooLarge(string message) => new(CmsCdrFormatProblem.TooLarge, message);
}
