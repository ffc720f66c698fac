namespace Convene;

/// <summary>Events that matter to whoever runs Convene, with stable ids.</summary>
internal static partial class Log
{
    public static void Migrating(ILogger logger, int count, string? provider) => MigratingText(logger, count, provider ?? "unknown provider");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying {Count} database migrations ({Provider})")]
    private static partial void MigratingText(ILogger logger, int count, string provider);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Created the first administrator '{UserName}'{Where}")]
    public static partial void FirstAdministrator(ILogger logger, string userName, string where);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Failed sign-in as '{UserName}' from {ClientAddress} ({Path}): {Reason}")]
    public static partial void SignInFailed(ILogger logger, string userName, string clientAddress, string path, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The Data Protection keys are stored unencrypted in the database (Convene:DataProtection:Unencrypted): a copy of the database reveals every CMS password")]
    public static partial void KeysUnencrypted(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "{Count} Data Protection keys in the database were stored unencrypted, before the key ring was encrypted; they stay readable from a copy of the database until they expire")]
    public static partial void OldKeysUnencrypted(ILogger logger, int count);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "{Path} was readable by other users; it is now readable by its owner only")]
    public static partial void Restricted(ILogger logger, string path);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "A CMS request failed while handling {Path}")]
    public static partial void CmsRequestFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not remove the profiles made for {Address} while undoing its addition")]
    public static partial void UndoFailed(ILogger logger, Exception exception, string address);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Could not finish adding {Address}, left half-added by a stop; trying again at the next start")]
    public static partial void ResumeFailed(ILogger logger, Exception exception, string address);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Placeholders {Start}-{End} of {Bridge} are ready ({Adopted} adopted)")]
    public static partial void PlaceholdersReady(ILogger logger, long start, long end, string bridge, int adopted);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Provisioning the placeholders of {Bridge} failed: {Reason}")]
    public static partial void ProvisioningFailed(ILogger logger, string bridge, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Provisioning the placeholders of bridge {BridgeId} stopped with an error")]
    public static partial void ProvisioningCrashed(ILogger logger, Exception exception, Guid bridgeId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Demo: a simulated CMS cluster runs at {ControlUrl} (API of its first node: {ApiUrl})")]
    public static partial void DemoCluster(ILogger logger, Uri controlUrl, Uri apiUrl);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "A status poll failed")]
    public static partial void StatusPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Removed bridge {Bridge} ({Cancelled} meetings cancelled); left on the bridge: {Left}")]
    public static partial void BridgeRemoved(ILogger logger, string bridge, int cancelled, string left);
}
