namespace Convene.Lifecycle;

/// <summary>Events of the owner mapping, the extension check, dial-out recovery, the series window and meeting leases (6050–6059).</summary>
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

    [LoggerMessage(EventId = 6054, Level = LogLevel.Information, Message = "Meeting {MeetingId}: left to the instance that holds its lease ({Detail})")]
    public static partial void LeaseHeld(ILogger logger, Guid meetingId, string detail);

    [LoggerMessage(EventId = 6055, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: took over the lease of instance {Holder}, which the cluster found dead")]
    public static partial void LeaseTakenOver(ILogger logger, Guid meetingId, string holder);

    [LoggerMessage(EventId = 6056, Level = LogLevel.Information, Message = "Cleared {Count} meeting leases left by a previous process")]
    public static partial void LeasesCleared(ILogger logger, int count);

    [LoggerMessage(EventId = 6057, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: a new title or PIN saved but not yet on the space is pushed again")]
    public static partial void SpacePushResumed(ILogger logger, Guid meetingId);
}
