using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

/// <summary>What a newer or odder bridge may send inside an otherwise good batch: nothing throws and
/// nothing is lost.</summary>
public sealed class CmsCdrUnknownAndMalformedTests
{
    [Fact]
    public void Parse_UnknownRecordType_KeepsTypeHeaderAndRawXml()
    {
        var batch = CmsCdrParser.Default.Parse(Batch(
            Record("meetingStart", 5, 3, """<meeting id="m-1"><topic>Quarterly review</topic></meeting>""")));

        var record = Assert.IsType<CmsCdrUnknownRecord>(Assert.Single(batch.Records));
        Assert.Equal("meetingStart", record.Type);
        Assert.Equal(5, record.RecordIndex);
        Assert.Equal(3, record.CorrelatorIndex);
        Assert.Equal("Quarterly review", record.Raw.Element("meeting")?.Element("topic")?.Value);
        Assert.Empty(batch.Malformed);
    }

    [Fact]
    public void Parse_UnknownElementsInKnownRecord_KeptInExtraInOrder()
    {
        var record = Single<CmsCdrCallLegStart>(One("callLegStart", $"""
            <callLeg id="{LegId}"><remoteParty>room4@example.com</remoteParty><futureFlag>true</futureFlag>
            <futureDetail><depth>2</depth></futureDetail></callLeg><sidecar>x</sidecar>
            """));

        Assert.Equal("room4@example.com", record.RemoteParty);
        Assert.Equal(["futureFlag", "futureDetail", "sidecar"], record.Extra.Select(e => e.Name.LocalName));
        Assert.Equal("2", record.Extra[1].Element("depth")?.Value);
    }

    [Fact]
    public void Parse_OneBadRecordAmongGoodOnes_KeepsTheGoodAndReportsTheBad()
    {
        var batch = CmsCdrParser.Default.Parse(Batch(
            Record("callLegStart", 20, 30, $"""<callLeg id="{LegId}"/>"""),
            Record("callLegEnd", 21, 31, $"""<callLeg id="{LegId}"><durationSeconds>ten</durationSeconds></callLeg>"""),
            Record("callEnd", 22, 32, $"""<call id="{CallId}"/>""")));

        Assert.Equal([20L, 22], batch.Records.Select(r => r.RecordIndex));
        var bad = Assert.Single(batch.Malformed);
        Assert.Equal(1, bad.Position);
        Assert.Equal("callLegEnd", bad.Type);
        Assert.Equal(21, bad.RecordIndex);
        Assert.Equal(31, bad.CorrelatorIndex);
        Assert.Contains("<durationSeconds> is 'ten'", bad.Reason, StringComparison.Ordinal);
        Assert.Equal("ten", bad.Raw.Element("callLeg")?.Element("durationSeconds")?.Value);
    }

    [Theory]
    [InlineData("""<record time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><call id="c"/></record>""", "no type attribute")]
    [InlineData("""<record type="callEnd" recordIndex="1" correlatorIndex="1"><call id="c"/></record>""", "no time attribute")]
    [InlineData("""<record type="callEnd" time="29/11/2026 09:30" recordIndex="1" correlatorIndex="1"><call id="c"/></record>""", "not an RFC 3339 time")]
    [InlineData("""<record type="callEnd" time="2026-11-29T09:30:05Z" correlatorIndex="1"><call id="c"/></record>""", "no recordIndex attribute")]
    [InlineData("""<record type="callEnd" time="2026-11-29T09:30:05Z" recordIndex="1"><call id="c"/></record>""", "no correlatorIndex attribute")]
    [InlineData("""<record type="callEnd" time="2026-11-29T09:30:05Z" recordIndex="-4" correlatorIndex="1"><call id="c"/></record>""", "recordIndex=\"-4\"")]
    [InlineData("""<record type="callEnd" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"/>""", "has no <call> element")]
    [InlineData("""<record type="callLegEnd" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><callLeg/></record>""", "<callLeg> has no id attribute")]
    [InlineData("""<record type="callLegStart" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><callLeg id=" "/></record>""", "<callLeg> has no id attribute")]
    [InlineData("""<record type="callLegUpdate" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><callLeg id="l"><deactivated>maybe</deactivated></callLeg></record>""", "<deactivated> is 'maybe'")]
    [InlineData("""<record type="callLegEnd" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><callLeg id="l"><alarm type="packetLoss" durationPercentage="lots"/></callLeg></record>""", "durationPercentage")]
    [InlineData("""<record type="callLegEnd" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><callLeg id="l"><rxVideo><maxSizeWidth>99999999999</maxSizeWidth></rxVideo></callLeg></record>""", "out of range")]
    [InlineData("""<record type="callEnd" time="2026-11-29T09:30:05Z" recordIndex="1" correlatorIndex="1"><call id="c"><durationSeconds>99999999999999999999</durationSeconds></call></record>""", "not a whole number")]
    [InlineData("""<surprise/>""", "<surprise> is not a <record>")]
    public void Parse_MalformedRecord_ReportedWithReasonNotThrown(string record, string reason)
    {
        var batch = CmsCdrParser.Default.Parse(Batch(record, Record("recordingEnd", 9, 9, "<recording id=\"r\"/>")));

        var bad = Assert.Single(batch.Malformed);
        Assert.Equal(0, bad.Position);
        Assert.Contains(reason, bad.Reason, StringComparison.Ordinal);
        Assert.IsType<CmsCdrRecordingEnd>(Assert.Single(batch.Records));
    }
}
