using System.Globalization;
using Convene.Bridges;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Meetings;

/// <summary>Turns meetings into their API shape, with the dial-in details of their bridge.</summary>
internal static class MeetingMapping
{
    /// <summary>The bridges' dial-in settings (domain, web bridge URI) for the given meetings.</summary>
    public static async Task<Dictionary<Guid, Bridge>> BridgesAsync(ConveneDb db, IEnumerable<Meeting> meetings, CancellationToken ct)
    {
        var ids = meetings.Select(m => m.BridgeId).Distinct().ToList();
        return await db.Bridges.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
    }

    public static MeetingDto ToDto(Meeting m, IReadOnlyDictionary<Guid, Bridge> bridges, string? recurrence = null, List<string>? notes = null,
        List<OccurrenceDto>? occurrences = null)
    {
        var bridge = bridges.GetValueOrDefault(m.BridgeId);
        var (uri, callId, webLink) = DialIn(m, bridge);
        return new MeetingDto(m.Id, m.SeriesId, m.Title, m.State, m.CancelRequested, m.OrganizerName, m.StartLocal, m.EndLocal, m.TimeZone,
            m.StartUtc, m.EndUtc, m.BridgeId, m.NumericId, uri, callId, m.Pin, webLink, m.Launch, m.EarlyJoinMinutes, m.ExtendMode,
            MeetingValidation.ParseWarnings(m.EndWarnings), recurrence, m.IsException, m.Version,
            m.Participants.Select(ParticipantDto.From).ToList(), notes is { Count: > 0 } ? notes : null, occurrences);
    }

    public static OccurrenceDto ToOccurrence(Meeting m, IReadOnlyDictionary<Guid, Bridge> bridges, List<string>? notes)
    {
        var (uri, callId, webLink) = DialIn(m, bridges.GetValueOrDefault(m.BridgeId));
        return new OccurrenceDto(m.Id, m.StartLocal, m.EndLocal, m.StartUtc, m.EndUtc, m.NumericId, uri, callId, webLink, notes is { Count: > 0 } ? notes : null);
    }

    /// <summary>
    /// The dial-in details: <c>numericId@domain</c>, the numeric ID as call ID, and the web link
    /// <c>{webBridgeUri}/meeting/{callId}?secret={secret}</c> (the CMS 3.x web app's guest link, reference/cms-api.md
    /// "meetingEntryDetail"); null parts when the meeting holds no placeholder or the bridge lacks the setting.
    /// </summary>
    public static (string? Uri, string? CallId, string? WebLink) DialIn(Meeting m, Bridge? bridge)
    {
        if (m.NumericId is not { } numericId)
        {
            return (null, null, null);
        }
        var callId = numericId.ToString(CultureInfo.InvariantCulture);
        var uri = string.IsNullOrWhiteSpace(bridge?.Domain) ? null : $"{callId}@{bridge.Domain}";
        var webLink = string.IsNullOrWhiteSpace(bridge?.WebBridgeUri) || m.Secret is null
            ? null
            : $"{bridge.WebBridgeUri.TrimEnd('/')}/meeting/{callId}?secret={Uri.EscapeDataString(m.Secret)}";
        return (uri, callId, webLink);
    }

    /// <summary>The ETag of a meeting: its <see cref="Meeting.Version"/>, quoted.</summary>
    public static string ETag(Meeting m) => $"\"{m.Version.ToString(CultureInfo.InvariantCulture)}\"";
}
