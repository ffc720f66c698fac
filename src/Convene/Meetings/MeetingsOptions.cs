namespace Convene.Meetings;

/// <summary>Booking settings (<c>Convene:Meetings</c>).</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Convene:Meetings";

    /// <summary>How long a placeholder stays held after a meeting's end, so a late end or an extension does not
    /// run into the next booking. Default 5 minutes.</summary>
    public TimeSpan GapAfterEnd { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most dial-out participants one meeting may have. Default 50.</summary>
    public int MaxDialOuts { get; set; } = 50;

    /// <summary>The fewest digits of a PIN. Default 4.</summary>
    public int PinMinLength { get; set; } = 4;

    /// <summary>The most digits of a PIN. Default 12.</summary>
    public int PinMaxLength { get; set; } = 12;

    /// <summary>The longest a meeting may be booked for. Default 24 hours. Queries of placeholder holds look back
    /// this far plus <see cref="HoldSlack"/>, which keeps them fast with many bookings.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far past <see cref="MaxDuration"/> a hold may reach (early join, the gap, extensions). Default 1 day.</summary>
    public TimeSpan HoldSlack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How far ahead the occurrences of an endless series exist. Default 365 days.</summary>
    public TimeSpan SeriesWindow { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The most occurrences one booking may create at once (a guard against a rule such as
    /// FREQ=MINUTELY, not a cap on series length: an endless series rolls on). Default 2000.</summary>
    public int MaxOccurrencesPerExpansion { get; set; } = 2000;

    /// <summary>Bridges to book on first, in order, when a request names none; the others follow by free capacity.</summary>
    public List<Guid> PreferredBridges { get; set; } = [];

    /// <summary>The most meetings one page of <c>GET /api/meetings</c> returns. Default 200.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>How an organizer maps to a CMS user, whose JID is sent as the space's <c>ownerJid</c> at start (and
    /// cleared at the end), so that the bridge's licensing and reports see who owns the meeting: a format with
    /// <c>{userName}</c> (the organizer's user name, lower-cased), such as <c>{userName}@example.com</c>, or just
    /// <c>{userName}</c> when user names are JIDs. Null or empty (the default): no <c>ownerJid</c> is sent. Checked at
    /// start-up (<see cref="OwnerJidFormat"/>).</summary>
    public string? OwnerJid { get; set; }

    /// <summary>The longest a booking, a change of a meeting or a series extension waits for the others saving
    /// placeholder holds at the same time (one at a time per database, <see cref="BookingGate"/>), across its retries;
    /// past it the request answers 409 <c>booking-busy</c>. Default 5 seconds.</summary>
    public TimeSpan BookingWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The span of hold intervals searched for overlaps.</summary>
    internal TimeSpan HoldLookback => MaxDuration + HoldSlack;
}
