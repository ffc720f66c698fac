using System.Text;
using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

/// <summary>Bodies anyone who can reach a CDR receiver may POST: each ends in a
/// <see cref="CmsCdrFormatException"/> naming the problem, quickly, without expanding an entity or
/// reading past the cap.</summary>
public sealed class CmsCdrHostileInputTests
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE records [
          <!ENTITY a "aaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
          <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
          <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
          <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
        ]>
        <records session="s" callBridge="b"><record type="callStart" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><call id="c"><name>&i;</name></call></record></records>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE records [<!ENTITY x SYSTEM "file:///etc/hostname">]>
        <records session="s" callBridge="b"><record type="callStart" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><call id="c"><name>&x;</name></call></record></records>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, CmsCdrFormatProblem, string> Bodies => new()
    {
        { "", CmsCdrFormatProblem.NotXml, "not well-formed XML" },
        { "not xml at all", CmsCdrFormatProblem.NotXml, "not well-formed XML" },
        { Batch(Record("callStart", 1, 1, $"""<call id="{CallId}"><name>Bo""")).Replace("</records>", "", StringComparison.Ordinal), CmsCdrFormatProblem.NotXml, "not well-formed XML" },
        { $"""<records session="{Session}"><record type="callEnd" """, CmsCdrFormatProblem.NotXml, "not well-formed XML" },
        { BillionLaughs, CmsCdrFormatProblem.NotXml, "DTD" },
        { ExternalEntity, CmsCdrFormatProblem.NotXml, "DTD" },
        { "<html><head><title>Login</title></head><body/></html>", CmsCdrFormatProblem.WrongRoot, "<html>, not <records>" },
        { "<status><softwareVersion>3.9</softwareVersion></status>", CmsCdrFormatProblem.WrongRoot, "<status>, not <records>" },
        { $"""<records callBridge="{CallBridge}"/>""", CmsCdrFormatProblem.MissingAttribute, "no session attribute" },
        { $"""<records session="  " callBridge="{CallBridge}"/>""", CmsCdrFormatProblem.MissingAttribute, "no session attribute" },
    };

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(Bodies))]
    public void Parse_HostileString_ThrowsNamingTheProblem(string body, CmsCdrFormatProblem problem, string message)
    {
        var error = Assert.Throws<CmsCdrFormatException>(() => CmsCdrParser.Default.Parse(body));

        Assert.Equal(problem, error.Problem);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aaaaaaaaaaaaaaaaaaaa", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(Bodies))]
    public async Task ParseAsync_HostileStream_ThrowsNamingTheProblem(string body, CmsCdrFormatProblem problem, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var error = await Assert.ThrowsAsync<CmsCdrFormatException>(() => CmsCdrParser.Default.ParseAsync(stream, Ct));

        Assert.Equal(problem, error.Problem);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringOverCap_TooLarge()
    {
        var parser = new CmsCdrParser(4096);
        var body = Batch(Enumerable.Range(0, 100).Select(i => Record("recordingEnd", i, i, $"<recording id=\"r{i}\"/>")).ToArray());

        var error = Assert.Throws<CmsCdrFormatException>(() => parser.Parse(body));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
        Assert.Contains("4096-byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringUnderCapInCharactersButOverInBytes_TooLarge()
    {
        var parser = new CmsCdrParser(2048);
        var body = One("callStart", $"""<call id="{CallId}"><name>{new string('ü', 1200)}</name></call>""");
        Assert.True(body.Length < 2048);

        var error = Assert.Throws<CmsCdrFormatException>(() => parser.Parse(body));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
    }

    [Fact(Timeout = 20_000)]
    public async Task ParseAsync_DeclaredLengthOverCap_TooLargeWithoutReading()
    {
        using var body = new EndlessStream();

        var error = await Assert.ThrowsAsync<CmsCdrFormatException>(() => new CmsCdrParser(4096).ParseAsync(body, 50_000_000, Ct));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
        Assert.Contains("50000000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, body.Served);
    }

    [Fact(Timeout = 20_000)]
    public async Task ParseAsync_SeekableStreamOverCap_TooLargeWithoutReading()
    {
        using var body = new MemoryStream(new byte[5000]);

        var error = await Assert.ThrowsAsync<CmsCdrFormatException>(() => new CmsCdrParser(4096).ParseAsync(body, Ct));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
        Assert.Equal(0, body.Position);
    }

    [Fact(Timeout = 20_000)]
    public async Task ParseAsync_EndlessStream_TooLargeAtTheCap()
    {
        using var body = new EndlessStream();

        var error = await Assert.ThrowsAsync<CmsCdrFormatException>(() => new CmsCdrParser(4096).ParseAsync(body, Ct));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
        Assert.Contains("4096-byte limit", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.Served, 4097, 4096 + 8192);
    }

    [Fact(Timeout = 20_000)]
    public async Task ParseAsync_StreamLongerThanDeclared_TooLargeAtTheCap()
    {
        using var body = new EndlessStream();

        var error = await Assert.ThrowsAsync<CmsCdrFormatException>(() => new CmsCdrParser(4096).ParseAsync(body, 100, Ct));

        Assert.Equal(CmsCdrFormatProblem.TooLarge, error.Problem);
    }

    [Fact]
    public void Parse_DeeplyNestedElementsWithinCap_Parsed()
    {
        // Depth costs nothing but characters: the cap bounds it.
        var nested = string.Concat(Enumerable.Repeat("<x>", 300)) + string.Concat(Enumerable.Repeat("</x>", 300));
        var batch = CmsCdrParser.Default.Parse(One("callEnd", $"""<call id="{CallId}">{nested}</call>"""));

        Assert.Equal("x", Assert.Single(Assert.Single(batch.Records).Extra).Name.LocalName);
    }

    /// <summary>A request body that never ends: the start of a batch, then spaces, forever; not seekable.</summary>
    private sealed class EndlessStream : Stream
    {
        private static readonly byte[] Start = Encoding.UTF8.GetBytes($"""<records session="{Session}">""");

        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, 1000);
            for (var i = 0; i < count; i++)
            {
                var at = Served + i;
                buffer[i] = at < Start.Length ? Start[at] : (byte)' ';
            }
            Served += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
