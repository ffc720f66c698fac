namespace Convene.Live;

/// <summary>Live-state events that matter to whoever runs Convene, with stable ids (7xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Refused a CDR post for bridge {BridgeId}: {Reason}")]
    public static partial void CdrRefused(ILogger logger, Guid bridgeId, string reason);

    public static void CdrMalformedRecords(ILogger logger, string? callBridge, int count, string reason) =>
        CdrMalformedRecordsText(logger, callBridge ?? "a Call Bridge that gave no name", count, reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "A CDR batch from {CallBridge} held {Count} unreadable records; the first: {Reason}")]
    private static partial void CdrMalformedRecordsText(ILogger logger, string callBridge, int count, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Convene:Cdr:ReceiverBaseUrl is not set: no CDR receiver is registered and participants are followed by polling alone")]
    public static partial void NoReceiverBaseUrl(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Registered Convene's CDR receiver on {Node} of {Bridge}")]
    public static partial void ReceiverRegistered(ILogger logger, string node, string bridge);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "No CDR receiver on {Node} of {Bridge}: {Reason}; following its meetings by polling")]
    public static partial void ReceiverNotRegistered(ILogger logger, string node, string bridge, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Dial-out to participant {ParticipantId} failed ({Reason}), attempt {Attempt}")]
    public static partial void DialOutFailed(ILogger logger, Guid participantId, string reason, int attempt);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Polling the call legs of meeting {MeetingId} failed")]
    public static partial void PollFailed(ILogger logger, Exception exception, Guid meetingId);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "The live work ({Work}) failed")]
    public static partial void LiveWorkFailed(ILogger logger, Exception exception, string work);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "Checking the CDR receivers of {Node} of {Bridge} failed")]
    public static partial void RegistrationFailed(ILogger logger, Exception exception, string node, string bridge);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Polling the calls of {Node} of {Bridge} for call instances failed")]
    public static partial void InstancePollFailed(ILogger logger, Exception exception, string node, string bridge);
}
