namespace Convene.Meetings;

/// <summary>
/// A recurring booking: the first occurrence's local start and end in an IANA zone and an RFC 5545 RRULE with
/// EXDATEs. Occurrences are <see cref="Meeting"/> rows (each with its own id); an endless series is expanded on a
/// rolling window up to <see cref="ExpandedUntilUtc"/>. A change of one occurrence marks it an exception
/// (<see cref="Meeting.IsException"/>, RFC 5545 RECURRENCE-ID) and a later change of the series leaves it as it is.
/// </summary>
public sealed class MeetingSeries
{
    public Guid Id { get; set; }

    /// <summary>The RRULE value without the <c>RRULE:</c> prefix, such as <c>FREQ=WEEKLY;COUNT=10</c> (RFC 5545 §3.3.10).</summary>
    public required string Recurrence { get; set; }

    /// <summary>Local start times of occurrences taken out of the series (RFC 5545 EXDATE), ISO 8601, comma separated.</summary>
    public string? ExceptionDates { get; set; }

    public DateTime FirstStartLocal { get; set; }

    public DateTime FirstEndLocal { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>Occurrences exist up to here; a rolling job extends an endless series.</summary>
    public DateTimeOffset ExpandedUntilUtc { get; set; }

    /// <summary>False once the RRULE has no more occurrences (COUNT or UNTIL reached).</summary>
    public bool IsOpenEnded { get; set; }

    public long Version { get; set; }
}
