using Convene.Meetings;

namespace Convene.Ui.Components.Meetings;

/// <summary>
/// What the booking page's form posts (every field a string, parsed by <see cref="BookingRequest"/>, so that a bad
/// value becomes a field error rather than a binding failure). Times are local wall-clock values in
/// <see cref="TimeZone"/> (an IANA id): <see cref="Date"/> <c>yyyy-MM-dd</c>, <see cref="StartTime"/> and
/// <see cref="EndTime"/> <c>HH:mm</c>; <see cref="EndTime"/>, when given, wins over <see cref="DurationMinutes"/>.
/// </summary>
public sealed class BookingForm
{
    public string? Title { get; set; }

    public string? Date { get; set; }

    public string? StartTime { get; set; }

    public string? DurationMinutes { get; set; } = "60";

    public string? EndTime { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>none, daily, weekly or monthly (RFC 5545 FREQ).</summary>
    public string Repeat { get; set; } = "none";

    public string? Interval { get; set; } = "1";

    public bool Mo { get; set; }

    public bool Tu { get; set; }

    public bool We { get; set; }

    public bool Th { get; set; }

    public bool Fr { get; set; }

    public bool Sa { get; set; }

    public bool Su { get; set; }

    /// <summary>never, count or until (RFC 5545 COUNT / UNTIL).</summary>
    public string Ends { get; set; } = "count";

    public string? Count { get; set; } = "10";

    /// <summary>The last date an occurrence may start (<c>yyyy-MM-dd</c>), inclusive.</summary>
    public string? Until { get; set; }

    /// <summary>Dates (<c>yyyy-MM-dd</c>, separated by commas, spaces or lines) whose occurrence is left out.</summary>
    public string? ExceptionDates { get; set; }

    public List<ParticipantRow> Participants { get; set; } = [];

    public string Launch { get; set; } = nameof(LaunchType.Automatic);

    public string? Pin { get; set; }

    public string? EarlyJoinMinutes { get; set; } = "5";

    public string ExtendMode { get; set; } = nameof(Convene.Meetings.ExtendMode.None);

    /// <summary>A bridge id, or empty for Convene to choose.</summary>
    public string? BridgeId { get; set; }

    /// <summary>The user name to book for (Operators); empty for oneself.</summary>
    public string? Organizer { get; set; }

    /// <summary>When editing: the meeting's version read with the form (sent as If-Match).</summary>
    public string? Version { get; set; }

    /// <summary>When editing an occurrence: apply title, PIN, participants and options to the later occurrences too (times stay).</summary>
    public bool Series { get; set; }

    /// <summary>Which submit button was pressed: <c>book</c> (default) or <c>add</c> (one more participant row).</summary>
    public string? Action { get; set; }

    /// <summary>The edit form of a meeting as the API shows it: its values, participants (with ids) and version.</summary>
    public static BookingForm Of(MeetingDto m)
    {
        var form = new BookingForm
        {
            Title = m.Title,
            Date = m.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            StartTime = m.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            DurationMinutes = ((int)(m.End - m.Start).TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TimeZone = m.TimeZone,
            Launch = m.Launch.ToString(),
            Pin = m.Pin,
            EarlyJoinMinutes = m.EarlyJoinMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExtendMode = m.ExtendMode.ToString(),
            Version = m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Participants = m.Participants.Select(p => new ParticipantRow
            {
                Id = p.Id, Kind = p.DialOut ? "dialOut" : "dialIn", Address = p.Address, Name = p.Name, Email = p.Email,
            }).ToList(),
        };
        form.TidyParticipants();
        return form;
    }

    /// <summary>The weekday checkboxes with their RFC 5545 BYDAY codes.</summary>
    public IEnumerable<(string Code, string Name, bool Checked)> Weekdays() =>
    [
        ("MO", "Monday", Mo), ("TU", "Tuesday", Tu), ("WE", "Wednesday", We), ("TH", "Thursday", Th), ("FR", "Friday", Fr),
        ("SA", "Saturday", Sa), ("SU", "Sunday", Su),
    ];

    /// <summary>Drops blank and removed rows and adds one blank row at the end, so indices of filled rows match the request's.</summary>
    public void TidyParticipants(int blanks = 1)
    {
        Participants = Participants.Where(p => !p.Remove && !p.IsBlank).ToList();
        for (var i = 0; i < blanks; i++)
        {
            Participants.Add(new ParticipantRow());
        }
    }
}

/// <summary>One participant row: <see cref="Kind"/> <c>dialOut</c> (address, optional name) or <c>dialIn</c> (a guest: name and email).</summary>
public sealed class ParticipantRow
{
    public string Kind { get; set; } = "dialOut";

    /// <summary>When editing: the participant's id, so that it keeps its state.</summary>
    public Guid? Id { get; set; }

    public string? Address { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>Ticked to leave the row out at the next submit.</summary>
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email);
}
