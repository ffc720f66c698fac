using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrRecordingRecordsTests
{
    private const string RecordingId = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a";
    private const string RecorderLeg = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public void Parse_RecordingStart_ReadsPathCallAndLeg()
    {
        var record = Single<CmsCdrRecordingStart>(One("recordingStart", $"""
            <recording id="{RecordingId}"><path>spaces/board/20261129093005</path><call>{CallId}</call><callLeg>{RecorderLeg}</callLeg></recording>
            """));

        Assert.Equal(RecordingId, record.RecordingId);
        Assert.Equal("spaces/board/20261129093005", record.Path);
        Assert.Equal(CallId, record.Call);
        Assert.Equal(RecorderLeg, record.CallLeg);
    }

    [Fact]
    public void Parse_RecordingStartWithEmptyElements_ReadsThemAsNull()
    {
        var record = Single<CmsCdrRecordingStart>(One("recordingStart", $"""<recording id="{RecordingId}"><path/><call> </call><callLeg></callLeg></recording>"""));

        Assert.Null(record.Path);
        Assert.Null(record.Call);
        Assert.Null(record.CallLeg);
    }

    [Fact]
    public void Parse_RecordingEnd_ReadsId()
    {
        var record = Single<CmsCdrRecordingEnd>(One("recordingEnd", $"""<recording id="{RecordingId}"/>"""));

        Assert.Equal("recordingEnd", record.Type);
        Assert.Equal(RecordingId, record.RecordingId);
    }

    [Fact]
    public void Parse_StreamingStart_ReadsUrlCallAndLeg()
    {
        var record = Single<CmsCdrStreamingStart>(One("streamingStart", $"""
            <streaming id="{RecordingId}"><streamUrl>rtmp://stream.example.com/live/board</streamUrl><call>{CallId}</call><callLeg>{RecorderLeg}</callLeg></streaming>
            """));

        Assert.Equal(RecordingId, record.StreamingId);
        Assert.Equal("rtmp://stream.example.com/live/board", record.StreamUrl);
        Assert.Equal(CallId, record.Call);
        Assert.Equal(RecorderLeg, record.CallLeg);
    }

    [Fact]
    public void Parse_StreamingStartWithEmptyElements_ReadsThemAsNull()
    {
        var record = Single<CmsCdrStreamingStart>(One("streamingStart", $"""<streaming id="{RecordingId}"><streamUrl/><call/><callLeg/></streaming>"""));

        Assert.Null(record.StreamUrl);
        Assert.Null(record.Call);
        Assert.Null(record.CallLeg);
    }

    [Fact]
    public void Parse_StreamingEnd_ReadsId()
    {
        var record = Single<CmsCdrStreamingEnd>(One("streamingEnd", $"""<streaming id="{RecordingId}"></streaming>"""));

        Assert.Equal(RecordingId, record.StreamingId);
    }

    [Fact]
    public void Parse_RecordingStartWithRecorderDetails_KeepsThemInExtra()
    {
        var record = Single<CmsCdrRecordingStart>(One("recordingStart",
            $"""<recording id="{RecordingId}"><path>p</path><recorderUri>recorder@example.com</recorderUri></recording>"""));

        Assert.Equal("recorderUri", Assert.Single(record.Extra).Name.LocalName);
    }
}
