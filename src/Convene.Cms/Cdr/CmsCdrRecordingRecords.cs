namespace Convene.Cms.Cdr;

/// <summary><c>recordingStart</c>: a recording of a call began (CDR guide §4.6 "recordingStart Record Contents").</summary>
public sealed record CmsCdrRecordingStart : CmsCdrRecord
{
    internal CmsCdrRecordingStart(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The recording's id: the <c>id</c> attribute of <c>&lt;recording&gt;</c>; the matching
    /// <see cref="CmsCdrRecordingEnd"/> has the same.</summary>
    public required string RecordingId { get; init; }

    /// <summary><c>path</c>: where the recorder writes the file, relative to its storage.</summary>
    public string? Path { get; init; }

    /// <summary><c>call</c>: the call being recorded.</summary>
    public string? Call { get; init; }

    /// <summary><c>callLeg</c>: the recorder's own call leg in that call.</summary>
    public string? CallLeg { get; init; }

    internal static CmsCdrRecordingStart Read(CdrHeader header, CdrElementReader recording) => new(header)
    {
        RecordingId = recording.Id(),
        Path = recording.Text("path"),
        Call = recording.Text("call"),
        CallLeg = recording.Text("callLeg"),
    };
}

/// <summary><c>recordingEnd</c>: a recording ended (CDR guide §4.7 "recordingEnd Record Contents").</summary>
public sealed record CmsCdrRecordingEnd : CmsCdrRecord
{
    internal CmsCdrRecordingEnd(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The recording's id: the <c>id</c> attribute of <c>&lt;recording&gt;</c>.</summary>
    public required string RecordingId { get; init; }

    internal static CmsCdrRecordingEnd Read(CdrHeader header, CdrElementReader recording) => new(header) { RecordingId = recording.Id() };
}

/// <summary><c>streamingStart</c>: streaming of a call began (2.1; CDR guide §4.8 "streamingStart Record Contents").</summary>
public sealed record CmsCdrStreamingStart : CmsCdrRecord
{
    internal CmsCdrStreamingStart(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The stream's id: the <c>id</c> attribute of <c>&lt;streaming&gt;</c>; the matching
    /// <see cref="CmsCdrStreamingEnd"/> has the same.</summary>
    public required string StreamingId { get; init; }

    /// <summary><c>streamUrl</c>: where the call is streamed to.</summary>
    public string? StreamUrl { get; init; }

    /// <summary><c>call</c>: the call being streamed.</summary>
    public string? Call { get; init; }

    /// <summary><c>callLeg</c>: the streamer's own call leg in that call.</summary>
    public string? CallLeg { get; init; }

    internal static CmsCdrStreamingStart Read(CdrHeader header, CdrElementReader streaming) => new(header)
    {
        StreamingId = streaming.Id(),
        StreamUrl = streaming.Text("streamUrl"),
        Call = streaming.Text("call"),
        CallLeg = streaming.Text("callLeg"),
    };
}

/// <summary><c>streamingEnd</c>: streaming ended (2.1; CDR guide §4.9 "streamingEnd Record Contents").</summary>
public sealed record CmsCdrStreamingEnd : CmsCdrRecord
{
    internal CmsCdrStreamingEnd(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The stream's id: the <c>id</c> attribute of <c>&lt;streaming&gt;</c>.</summary>
    public required string StreamingId { get; init; }

    internal static CmsCdrStreamingEnd Read(CdrHeader header, CdrElementReader streaming) => new(header) { StreamingId = streaming.Id() };
}
