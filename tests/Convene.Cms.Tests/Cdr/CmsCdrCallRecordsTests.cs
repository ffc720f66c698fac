using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrCallRecordsTests
{
    [Fact]
    public void Parse_CallStart_ReadsEveryDocumentedField()
    {
        var record = Single<CmsCdrCallStart>(One("callStart", $"""
            <call id="{CallId}">
              <name>Board meeting</name>
              <ownerName>Ada Lovelace</ownerName>
              <callType>coSpace</callType>
              <coSpace>0f3e6c1a-2b7d-4e9f-a5c8-3d1b6e0f7a92</coSpace>
              <callCorrelator>77d1e2f3-5a6b-4c8d-9e0f-1a2b3c4d5e6f</callCorrelator>
              <tenant>2c9e4a71-6d3b-4f8e-b1a5-7e0c9d2f4b36</tenant>
              <cdrTag>cost-centre-4711</cdrTag>
            </call>
            """));

        Assert.Equal("callStart", record.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 30, 5, TimeSpan.Zero), record.Time);
        Assert.Equal(TimeSpan.Zero, record.Time.Offset);
        Assert.Equal(12, record.RecordIndex);
        Assert.Equal(40, record.CorrelatorIndex);
        Assert.Equal(CallId, record.CallId);
        Assert.Equal("Board meeting", record.Name);
        Assert.Equal("Ada Lovelace", record.OwnerName);
        Assert.Equal("coSpace", record.CallType);
        Assert.Equal("0f3e6c1a-2b7d-4e9f-a5c8-3d1b6e0f7a92", record.CoSpace);
        Assert.Equal("77d1e2f3-5a6b-4c8d-9e0f-1a2b3c4d5e6f", record.CallCorrelator);
        Assert.Equal("2c9e4a71-6d3b-4f8e-b1a5-7e0c9d2f4b36", record.Tenant);
        Assert.Equal("cost-centre-4711", record.CdrTag);
        Assert.Empty(record.Extra);
    }

    [Fact]
    public void Parse_CallStartWithEmptyElements_ReadsThemAsNull()
    {
        var record = Single<CmsCdrCallStart>(One("callStart", $"""
            <call id="{CallId}"><name/><ownerName>   </ownerName><callType>adHoc</callType><coSpace></coSpace>
            <callCorrelator>77d1e2f3-5a6b-4c8d-9e0f-1a2b3c4d5e6f</callCorrelator><tenant/><cdrTag>
            </cdrTag></call>
            """));

        Assert.Null(record.Name);
        Assert.Null(record.OwnerName);
        Assert.Equal("adHoc", record.CallType);
        Assert.Null(record.CoSpace);
        Assert.Null(record.Tenant);
        Assert.Null(record.CdrTag);
    }

    [Fact]
    public void Parse_CallEnd_ReadsCountsAndDuration()
    {
        var record = Single<CmsCdrCallEnd>(One("callEnd", $"""
            <call id="{CallId}">
              <callLegsCompleted>7</callLegsCompleted>
              <callLegsMaxActive>4</callLegsMaxActive>
              <durationSeconds>3605</durationSeconds>
            </call>
            """));

        Assert.Equal(CallId, record.CallId);
        Assert.Equal(7, record.CallLegsCompleted);
        Assert.Equal(4, record.CallLegsMaxActive);
        Assert.Equal(3605, record.DurationSeconds);
    }

    [Fact]
    public void Parse_CallEndWithEmptyNumbers_ReadsThemAsNull()
    {
        var record = Single<CmsCdrCallEnd>(One("callEnd",
            $"""<call id="{CallId}"><callLegsCompleted/><callLegsMaxActive> </callLegsMaxActive><durationSeconds></durationSeconds></call>"""));

        Assert.Null(record.CallLegsCompleted);
        Assert.Null(record.CallLegsMaxActive);
        Assert.Null(record.DurationSeconds);
    }

    [Fact]
    public void Parse_CallEndWithElementThisParserDoesNotKnow_KeepsItInExtra()
    {
        var record = Single<CmsCdrCallEnd>(One("callEnd",
            $"""<call id="{CallId}"><callLegsCompleted>2</callLegsCompleted><endpointRecorded>true</endpointRecorded></call>"""));

        Assert.Equal(2, record.CallLegsCompleted);
        var extra = Assert.Single(record.Extra);
        Assert.Equal("endpointRecorded", extra.Name.LocalName);
        Assert.Equal("true", extra.Value);
    }
}
