namespace Convene.Lifecycle;

/// <summary>Events of the owner mapping, the extension check, dial-out recovery and the series window (6050–6059).</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 6050, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: the organizer's JID is not a user of the bridge; the space was opened without an owner")]
    public static partial void OwnerUnknown(ILogger logger, Guid meetingId);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: a dial-out left dialling without a call leg was {Outcome}")]
    public static partial void DialRecovered(ILogger logger, Guid meetingId, string outcome);

    [LoggerMessage(EventId = 6052, Level = LogLevel.Information, Message = "The series window made {Count} occurrences")]
    public static partial void SeriesExtended(ILogger logger, int count);

    [LoggerMessage(EventId = 6053, Level = LogLevel.Warning, Message = "Rolling the series window on failed; the next run tries again")]
    public static partial void SeriesWindowFailed(ILogger logger, Exception exception);
}
