using System.Text;
using System.Xml.Linq;
using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrParserTests
{
    // One call's life as a bridge reports it: two counters that differ, records in the order written.
    private static readonly string Life = Batch(
        Record("callStart", 101, 7, $"""<call id="{CallId}"><name>Board</name><callType>coSpace</callType></call>""", "2026-11-29T09:00:00Z"),
        Record("callLegStart", 102, 8, $"""<callLeg id="{LegId}"><remoteParty>room4@example.com</remoteParty><direction>incoming</direction></callLeg>""", "2026-11-29T09:00:01Z"),
        Record("callLegUpdate", 103, 9, $"""<callLeg id="{LegId}"><state>connected</state><call>{CallId}</call></callLeg>""", "2026-11-29T09:00:02Z"),
        Record("callLegEnd", 104, 10, $"""<callLeg id="{LegId}"><reason>remoteTeardown</reason><durationSeconds>598</durationSeconds></callLeg>""", "2026-11-29T09:10:00Z"),
        Record("callEnd", 105, 11, $"""<call id="{CallId}"><callLegsCompleted>1</callLegsCompleted></call>""", "2026-11-29T09:10:00Z"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Parse_Batch_ReadsSessionAndCallBridge()
    {
        var batch = CmsCdrParser.Default.Parse(Life);

        Assert.Equal(Session, batch.Session);
        Assert.Equal(CallBridge, batch.CallBridge);
        Assert.Empty(batch.Malformed);
    }

    [Fact]
    public void Parse_MultiRecordBatch_KeepsOrderTypesAndBothIndexes()
    {
        var batch = CmsCdrParser.Default.Parse(Life);

        Assert.Collection(batch.Records,
            r => Assert.IsType<CmsCdrCallStart>(r),
            r => Assert.IsType<CmsCdrCallLegStart>(r),
            r => Assert.IsType<CmsCdrCallLegUpdate>(r),
            r => Assert.IsType<CmsCdrCallLegEnd>(r),
            r => Assert.IsType<CmsCdrCallEnd>(r));
        Assert.Equal([101L, 102, 103, 104, 105], batch.Records.Select(r => r.RecordIndex));
        Assert.Equal([7L, 8, 9, 10, 11], batch.Records.Select(r => r.CorrelatorIndex));
        Assert.Equal(["callStart", "callLegStart", "callLegUpdate", "callLegEnd", "callEnd"], batch.Records.Select(r => r.Type));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 10, 0, TimeSpan.Zero), batch.Records[3].Time);
    }

    [Fact]
    public async Task ParseAsync_SameBatchAsStream_ReadsTheSame()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Life));

        var fromStream = await CmsCdrParser.Default.ParseAsync(body, Ct);
        var fromString = CmsCdrParser.Default.Parse(Life);

        Assert.Equal(fromString.Session, fromStream.Session);
        Assert.Equal(fromString.Records.Select(Describe), fromStream.Records.Select(Describe));
    }

    [Fact]
    public void Parse_SameBatchAsElement_ReadsTheSame()
    {
        var fromElement = CmsCdrParser.Parse(XElement.Parse(Life));
        var fromString = CmsCdrParser.Default.Parse(Life);

        Assert.Equal(fromString.CallBridge, fromElement.CallBridge);
        Assert.Equal(fromString.Records.Select(Describe), fromElement.Records.Select(Describe));
    }

    [Fact]
    public async Task ParseAsync_Utf8WithByteOrderMarkAndNonAsciiNames_ReadsThem()
    {
        var xml = One("callStart", $"""<call id="{CallId}"><name>Sitzungssaal Zürich – 3</name></call>""");
        using var body = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(xml)]);

        var batch = await CmsCdrParser.Default.ParseAsync(body, Ct);

        Assert.Equal("Sitzungssaal Zürich – 3", Assert.IsType<CmsCdrCallStart>(Assert.Single(batch.Records)).Name);
    }

    [Fact]
    public void Parse_EmptyBatch_NoRecords()
    {
        var batch = CmsCdrParser.Default.Parse($"""<records session="{Session}" callBridge="{CallBridge}"/>""");

        Assert.Empty(batch.Records);
        Assert.Empty(batch.Malformed);
    }

    [Fact]
    public void Parse_BatchWithoutCallBridge_CallBridgeNull()
    {
        var batch = CmsCdrParser.Default.Parse($"""<records session="{Session}">{Record("recordingEnd", 1, 1, "<recording id=\"r1\"/>")}</records>""");

        Assert.Null(batch.CallBridge);
        Assert.Single(batch.Records);
    }

    [Fact]
    public void Parse_TimeWithFractionAndOffset_ConvertsToUtc()
    {
        var batch = CmsCdrParser.Default.Parse(Batch(Record("recordingEnd", 1, 1, "<recording id=\"r1\"/>", "2026-11-29T10:30:05.250+01:00")));

        var time = Assert.Single(batch.Records).Time;
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 30, 5, 250, TimeSpan.Zero), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void Constructor_CapUnder1024_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CmsCdrParser(1023));
    }

    private static string Describe(CmsCdrRecord record) => $"{record.GetType().Name} {record.Type} {record.Time:O} {record.RecordIndex} {record.CorrelatorIndex}";
}
