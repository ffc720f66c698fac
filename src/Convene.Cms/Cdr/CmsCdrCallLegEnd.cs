namespace Convene.Cms.Cdr;

/// <summary><c>callLegEnd</c>: a call leg ended, with why, how long, and a summary of its media and quality
/// (CDR guide §4.4 "callLegEnd Record Contents", §5 "Reason Codes in Call Leg End Records").</summary>
public sealed record CmsCdrCallLegEnd : CmsCdrRecord
{
    internal CmsCdrCallLegEnd(CdrHeader header)
        : base(header)
    {
    }

    /// <summary>The leg's id: the <c>id</c> attribute of <c>&lt;callLeg&gt;</c>.</summary>
    public required string CallLegId { get; init; }

    /// <summary><c>reason</c>, as written (§5; an open set): <c>remoteTeardown</c>, <c>localTeardown</c>,
    /// <c>unknownDestination</c>, <c>ringingTimeout</c>, <c>callDeflection</c>, <c>connectError</c>, …</summary>
    public string? Reason { get; init; }

    /// <summary><c>remoteTeardown</c>: true when the far end ended the leg.</summary>
    public bool? RemoteTeardown { get; init; }

    /// <summary><c>encryptedMedia</c>: some of the leg's media was encrypted.</summary>
    public bool? EncryptedMedia { get; init; }

    /// <summary><c>unencryptedMedia</c>: some of the leg's media was not encrypted.</summary>
    public bool? UnencryptedMedia { get; init; }

    /// <summary><c>durationSeconds</c>: how long the leg lasted, in whole seconds.</summary>
    public long? DurationSeconds { get; init; }

    /// <summary><c>activatedDuration</c>: of that, the seconds the leg was activated (out of the lobby).</summary>
    public long? ActivatedDuration { get; init; }

    /// <summary><c>mediaUsagePercentages</c>: the share of the leg's time spent sending and receiving each kind
    /// of media; null when the record has none.</summary>
    public CmsCdrMediaUsage? MediaUsagePercentages { get; init; }

    /// <summary>Every <c>&lt;alarm type="…" durationPercentage="…"/&gt;</c>: quality problems over the leg's life
    /// (<c>packetLoss</c>, <c>excessiveJitter</c>, <c>highRoundTripTime</c>); empty when there were none.</summary>
    public IReadOnlyList<CmsCdrAlarm> Alarms { get; init; } = [];

    /// <summary><c>rxAudio</c>: the audio the bridge received.</summary>
    public CmsCdrMediaSummary? RxAudio { get; init; }

    /// <summary><c>txAudio</c>: the audio the bridge sent.</summary>
    public CmsCdrMediaSummary? TxAudio { get; init; }

    /// <summary><c>rxVideo</c>: the main video the bridge received.</summary>
    public CmsCdrMediaSummary? RxVideo { get; init; }

    /// <summary><c>txVideo</c>: the main video the bridge sent.</summary>
    public CmsCdrMediaSummary? TxVideo { get; init; }

    /// <summary><c>cdrTag</c>: the leg's tag, where the bridge repeats it here.</summary>
    public string? CdrTag { get; init; }

    /// <summary><c>groupId</c>: ties a participant's legs together, where the bridge repeats it here.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>ownerName</c>, where the bridge writes it.</summary>
    public string? OwnerName { get; init; }

    internal static CmsCdrCallLegEnd Read(CdrHeader header, CdrElementReader leg) => new(header)
    {
        CallLegId = leg.Id(),
        Reason = leg.Text("reason"),
        RemoteTeardown = leg.Bool("remoteTeardown"),
        EncryptedMedia = leg.Bool("encryptedMedia"),
        UnencryptedMedia = leg.Bool("unencryptedMedia"),
        DurationSeconds = leg.Long("durationSeconds"),
        ActivatedDuration = leg.Long("activatedDuration"),
        MediaUsagePercentages = leg.Child("mediaUsagePercentages") is { } usage ? CmsCdrMediaUsage.Read(new CdrElementReader(usage)) : null,
        Alarms = leg.Children("alarm").Select(CmsCdrAlarm.Read).ToList(),
        RxAudio = CmsCdrMediaSummary.Read(leg.Child("rxAudio")),
        TxAudio = CmsCdrMediaSummary.Read(leg.Child("txAudio")),
        RxVideo = CmsCdrMediaSummary.Read(leg.Child("rxVideo")),
        TxVideo = CmsCdrMediaSummary.Read(leg.Child("txVideo")),
        CdrTag = leg.Text("cdrTag"),
        GroupId = leg.Text("groupId"),
        OwnerName = leg.Text("ownerName"),
    };
}
