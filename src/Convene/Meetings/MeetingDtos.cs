namespace Convene.Meetings;

/// <summary>
/// <c>POST /api/meetings</c>. Only <c>title</c>, <c>start</c>, <c>end</c> and <c>timeZone</c> are required.
/// <c>start</c>/<c>end</c> are local date-times (<c>2026-12-01T10:00:00</c>, no offset) in the IANA
/// <c>timeZone</c>; <c>recurrence</c> is an RFC 5545 RRULE value (<c>FREQ=WEEKLY;COUNT=10</c>) and
/// <c>exceptionDates</c> its EXDATEs (local start times of occurrences to leave out); <c>organizer</c> is the user
/// name of whom an Operator books for (default: the signed-in user); <c>bridgeId</c> pins a bridge;
/// <c>endWarnings</c> are minutes before the end (default 5 and 1).
/// </summary>
public sealed record BookMeeting(
    string? Title,
    DateTime? Start,
    DateTime? End,
    string? TimeZone,
    LaunchType? Launch = null,
    int? EarlyJoinMinutes = null,
    string? Pin = null,
    ExtendMode? ExtendMode = null,
    string? Recurrence = null,
    List<DateTime>? ExceptionDates = null,
    Guid? BridgeId = null,
    string? Organizer = null,
    List<int>? EndWarnings = null,
    List<ParticipantInput>? Participants = null);

/// <summary>
/// A participant to book: <c>dialOut</c> true needs an <c>address</c> (a SIP URI <c>sip:user@host</c>,
/// <c>user@host</c>, or an E.164 number <c>+4712345678</c>); a dial-in guest (false) has a <c>name</c> and
/// <c>email</c> only. On PATCH, <c>id</c> keeps an existing participant (its state stays); others are new.
/// </summary>
public sealed record ParticipantInput(string? Address, string? Name = null, string? Email = null, bool DialOut = true, Guid? Id = null);

/// <summary>
/// <c>PATCH /api/meetings/{id}</c>: each field given replaces the stored one; absent (null) ones stay.
/// <c>pin</c> "" removes the PIN. <c>participants</c> replaces the whole list. <c>start</c>/<c>end</c> are local
/// in <c>timeZone</c> (default: the meeting's zone).
/// </summary>
public sealed record ChangeMeeting(
    string? Title = null,
    DateTime? Start = null,
    DateTime? End = null,
    string? TimeZone = null,
    LaunchType? Launch = null,
    int? EarlyJoinMinutes = null,
    string? Pin = null,
    ExtendMode? ExtendMode = null,
    List<int>? EndWarnings = null,
    List<ParticipantInput>? Participants = null);

/// <summary>A participant as the API shows it; <c>state</c> follows the CMS call leg, <c>reason</c> why it failed or left.</summary>
public sealed record ParticipantDto(Guid Id, string? Address, string? Name, string? Email, bool DialOut, ParticipantState State, string? Reason)
{
    public static ParticipantDto From(MeetingParticipant p) => new(p.Id, p.Address, p.Name, p.Email, p.DialOut, p.State, p.Reason);
}

/// <summary>
/// A meeting (or one occurrence of a series). Dial-in details are fixed at booking: <c>uri</c> is
/// <c>numericId@domain</c>, <c>callId</c> the numeric ID, <c>webLink</c> the bridge's web bridge URI
/// <c>/meeting/&lt;callId&gt;?secret=&lt;secret&gt;</c> (null when the bridge has no web bridge URI).
/// <c>timeNotes</c> says what the local-time rule chose when a local time was skipped or repeated.
/// <c>occurrences</c> lists a new series' occurrences in the answer of <c>POST</c> (null otherwise).
/// The ETag header carries <c>version</c>.
/// </summary>
public sealed record MeetingDto(
    Guid Id,
    Guid? SeriesId,
    string Title,
    MeetingState State,
    bool CancelRequested,
    string? Organizer,
    DateTime Start,
    DateTime End,
    string TimeZone,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    Guid BridgeId,
    long? NumericId,
    string? Uri,
    string? CallId,
    string? Pin,
    string? WebLink,
    LaunchType Launch,
    int EarlyJoinMinutes,
    ExtendMode ExtendMode,
    List<int> EndWarnings,
    string? Recurrence,
    bool IsException,
    long Version,
    List<ParticipantDto> Participants,
    List<string>? TimeNotes,
    List<OccurrenceDto>? Occurrences);

/// <summary>One occurrence of a new series, with its own id and dial-in details.</summary>
public sealed record OccurrenceDto(Guid Id, DateTime Start, DateTime End, DateTimeOffset StartUtc, DateTimeOffset EndUtc, long? NumericId, string? Uri, string? CallId, string? WebLink, List<string>? TimeNotes);

/// <summary>
/// A page of <c>GET /api/meetings</c>: <c>items</c> ordered by start then id, <c>page</c> (1-based),
/// <c>pageSize</c>, and <c>total</c> meetings matching the filter.
/// </summary>
public sealed record MeetingPage(List<MeetingDto> Items, int Page, int PageSize, int Total);

/// <summary>
/// <c>GET /api/bridges/{id}/availability</c>: for each placeholder (by numeric ID) of the bridge, the busy holds and
/// the free intervals between <c>from</c> and <c>to</c>; <c>freeThroughout</c> counts placeholders free over the whole window.
/// </summary>
public sealed record AvailabilityDto(Guid BridgeId, DateTimeOffset From, DateTimeOffset To, int FreeThroughout, List<PlaceholderAvailability> Placeholders);

/// <summary>One placeholder's holds (<c>busy</c>, each with the meeting) and the gaps between them (<c>free</c>).</summary>
public sealed record PlaceholderAvailability(long NumericId, List<BusyInterval> Busy, List<FreeInterval> Free);

public sealed record BusyInterval(DateTimeOffset FromUtc, DateTimeOffset UntilUtc, Guid MeetingId);

public sealed record FreeInterval(DateTimeOffset FromUtc, DateTimeOffset UntilUtc);
