using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// One node's API trace in the format of CMS's "API debug logging" (the seed's trace): numbered
/// requests, body lines, the response line, Location, and audit lines. Passcodes are masked as
/// <c>passcode=*****</c>. Kept in a ring buffer and optionally echoed to the console.
/// Entries are formatted when read, not when written: a traced GET costs the API almost nothing.
/// </summary>
internal sealed class ApiTrace(string host, int capacity, int bodyLines, ChannelWriter<string>? console)
{
    private readonly Queue<Entry> _entries = new();
    private readonly Lock _gate = new();
    private long _nextRequest = 1;
    private long _nextEntry = 1;

    public long NextRequestNumber() => Interlocked.Increment(ref _nextRequest) - 1;

    public void Request(DateTimeOffset now, long n, string method, string path, string remote)
        => Write(now, "user.info", $"API trace {n}: {method} for \"{path}\" (from {remote})");

    public void RequestBody(DateTimeOffset now, long n, string contentType, string body)
    {
        Write(now, "user.info", $"API trace {n}: content data size {Encoding.UTF8.GetByteCount(body)}, type \"{contentType}\":");
        var start = 0;
        while (start < body.Length)
        {
            var amp = body.IndexOf('&', start);
            var end = amp < 0 ? body.Length : amp + 1;
            var line = body[start..end];
            if (line.StartsWith("passcode=", StringComparison.OrdinalIgnoreCase))
            {
                line = "passcode=*****";
            }
            Write(now, "user.info", $"API trace {n}: {line}");
            start = end;
        }
    }

    public void Response(DateTimeOffset now, long n, int status, int size, string? location, string? body)
    {
        Write(now, "user.info", $"API trace {n}: sending {status} response, size {size}");
        if (location is not null)
        {
            Write(now, "user.info", $"API trace {n}: Location: {location}");
        }
        if (status == 401)
        {
            Write(now, "user.info", $"API trace {n}: WWW-Authenticate: Basic realm=\"acano\"");
        }
        if (body is not null && bodyLines > 0)
        {
            Add(new Entry(0, now, "user.info", "", n, body));
        }
    }

    /// <summary>An audit line, as CMS writes for every change ("API user "admin" created new call profile …").</summary>
    public void Audit(DateTimeOffset now, string remote, string user, string what)
        => Write(now, "local0.info", $"{remote}: API user \"{user}\" {what}");

    public void Event(DateTimeOffset now, string text) => Write(now, "user.info", text);

    /// <summary>A conference event, written on the <c>local0</c> facility as CMS does ("participant … joined space …").</summary>
    public void Conference(DateTimeOffset now, string text) => Write(now, "local0.info", text);

    /// <summary>Trace lines of the entries after sequence number <paramref name="after"/>, oldest first,
    /// at most <paramref name="max"/> entries (an answer body is one entry of several lines).</summary>
    public IReadOnlyList<(long Seq, string Text)> Since(long after, int max)
    {
        List<Entry> entries;
        lock (_gate)
        {
            entries = _entries.Where(e => e.Seq > after).Take(max).ToList();
        }
        var lines = new List<(long, string)>();
        foreach (var entry in entries)
        {
            foreach (var line in Lines(entry))
            {
                lines.Add((entry.Seq, line));
            }
        }
        return lines;
    }

    private void Write(DateTimeOffset now, string facility, string message) => Add(new Entry(0, now, facility, message, 0, null));

    private void Add(Entry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry with { Seq = _nextEntry++ });
            while (_entries.Count > capacity)
            {
                _entries.Dequeue();
            }
        }
        if (console is not null)
        {
            foreach (var line in Lines(entry))
            {
                console.TryWrite(line);
            }
        }
    }

    private IEnumerable<string> Lines(Entry entry)
    {
        // syslog's time stamp: "Jul 26 14:08:23", a one-digit day padded with a space.
        var prefix = string.Create(CultureInfo.InvariantCulture,
            $"{entry.Time:MMM} {entry.Time.Day,2} {entry.Time:HH:mm:ss} {entry.Facility} {host} host:server: INFO : ");
        if (entry.Body is null)
        {
            yield return prefix + entry.Message;
            yield break;
        }
        foreach (var line in BodyLines(entry.Body))
        {
            yield return $"{prefix}API trace {entry.Request.ToString(CultureInfo.InvariantCulture)}: {line}";
        }
    }

    private IEnumerable<string> BodyLines(string body)
    {
        var text = body.StartsWith("<?xml", StringComparison.Ordinal) ? body[(body.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart('\n') : body;
        // As the seed's CMS: past the limit, "[...]" and then the closing line of the root element; an
        // answer that is only one line longer is written whole (the seed's 9-line callBridges list).
        var last = text.LastIndexOf("</", StringComparison.Ordinal);
        var written = 0;
        var start = 0;
        while (start < text.Length)
        {
            if (written == bodyLines && start < last)
            {
                yield return "[...]";
                yield return text[last..];
                yield break;
            }
            var next = NextBreak(text, start);
            yield return MaskPasscode(text[start..next]);
            written++;
            start = next;
        }
    }

    /// <summary>A passcode in an answer (a space's or an access method's) is masked as in request bodies.</summary>
    private static string MaskPasscode(string line) =>
        line.StartsWith("<passcode>", StringComparison.Ordinal) ? "<passcode>*****</passcode>" : line;

    // One element per line: break before every tag that opens a child or closes a parent.
    private static int NextBreak(string text, int start)
    {
        var i = text.IndexOf('>', start);
        if (i < 0)
        {
            return text.Length;
        }
        var close = text.IndexOf("</", start + 1, StringComparison.Ordinal);
        var open = text.IndexOf('<', i);
        if (open < 0)
        {
            return text.Length;
        }
        // <name>text</name> stays on one line.
        if (close == open && text.AsSpan(start).StartsWith("<") && !text.AsSpan(start).StartsWith("</"))
        {
            var end = text.IndexOf('>', close);
            return end < 0 ? text.Length : end + 1;
        }
        return open;
    }

    private readonly record struct Entry(long Seq, DateTimeOffset Time, string Facility, string Message, long Request, string? Body);
}
