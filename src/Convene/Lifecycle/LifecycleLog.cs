namespace Convene.Lifecycle;

/// <summary>Lifecycle events with stable ids (6xxx).</summary>
internal static partial class LifecycleLog
{
    /// <summary>The start began <paramref name="lateness"/> ms after the open time (start less early join); negative when early.</summary>
    public static void Starting(ILogger logger, Guid meetingId, double lateness) => StartingText(logger, meetingId, new LogLateness(lateness));

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Meeting {MeetingId} is starting, {Lateness} its open time")]
    private static partial void StartingText(ILogger logger, Guid meetingId, LogLateness lateness);

    public static void Running(ILogger logger, Guid meetingId, string? callId, string node) => RunningText(logger, meetingId, callId ?? "of unknown id", node);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Meeting {MeetingId} runs as call {CallId} on {Node}")]
    private static partial void RunningText(ILogger logger, Guid meetingId, string callId, string node);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Meeting {MeetingId} ended")]
    public static partial void Ended(ILogger logger, Guid meetingId);

    public static void Extended(ILogger logger, Guid meetingId, int minutes, DateTimeOffset endUtc) => ExtendedText(logger, meetingId, minutes, new LogInstant(endUtc));

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Meeting {MeetingId} extended by {Minutes} min to {EndUtc}")]
    private static partial void ExtendedText(ILogger logger, Guid meetingId, int minutes, LogInstant endUtc);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Meeting {MeetingId} missed its {Transition}: {Reason}")]
    public static partial void Missed(ILogger logger, Guid meetingId, string transition, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Dial-out of a participant of meeting {MeetingId} failed: {Reason}")]
    public static partial void DialOutFailed(ILogger logger, Guid meetingId, string reason);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Meeting {MeetingId} moved from {From} to {To}: its node was lost")]
    public static partial void FailedOver(ILogger logger, Guid meetingId, string from, string to);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "The {Transition} of meeting {MeetingId} failed; it is tried again")]
    public static partial void TransitionFailed(ILogger logger, Exception exception, string transition, Guid meetingId);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Meeting {MeetingId}: a {Transition} interrupted earlier is being finished")]
    public static partial void Resuming(ILogger logger, Guid meetingId, string transition);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: a call left on the placeholder by an earlier meeting was removed")]
    public static partial void LeftoverCallRemoved(ILogger logger, Guid meetingId);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Scheduling the transitions of meeting {MeetingId} failed; the next sync repairs it")]
    public static partial void SchedulingFailed(ILogger logger, Exception exception, Guid meetingId);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Reconciliation of meeting {MeetingId} failed")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, Guid meetingId);
}
