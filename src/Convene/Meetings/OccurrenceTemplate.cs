using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Convene.Meetings;

/// <summary>What every occurrence of a booking shares; new occurrences (at booking, or when an endless series rolls
/// on) are made from it.</summary>
internal sealed record OccurrenceTemplate(
    string Title,
    Guid? OrganizerId,
    string? OrganizerName,
    string TimeZone,
    LaunchType Launch,
    string? Pin,
    int EarlyJoinMinutes,
    ExtendMode ExtendMode,
    string EndWarnings,
    IReadOnlyList<ParticipantInput> Participants)
{
    /// <summary>The template of an existing meeting (the latest regular occurrence of a series).</summary>
    public static OccurrenceTemplate Of(Meeting m) => new(m.Title, m.OrganizerId, m.OrganizerName, m.TimeZone, m.Launch, m.Pin, m.EarlyJoinMinutes,
        m.ExtendMode, m.EndWarnings, m.Participants.Select(p => new ParticipantInput(p.Address, p.Name, p.Email, p.DialOut)).ToList());

    /// <summary>A new Booked occurrence at the given times, without a placeholder yet; its secret is random
    /// (16 bytes, base64url, the shape of the secrets CMS makes itself).</summary>
    public Meeting New(DateTime startLocal, DateTime endLocal, DateTimeOffset startUtc, DateTimeOffset endUtc, TimeSpan gap) => new()
    {
        Id = Guid.NewGuid(),
        Title = Title,
        OrganizerId = OrganizerId,
        OrganizerName = OrganizerName,
        StartLocal = startLocal,
        EndLocal = endLocal,
        TimeZone = TimeZone,
        StartUtc = startUtc,
        EndUtc = endUtc,
        HoldFromUtc = startUtc.AddMinutes(-EarlyJoinMinutes),
        HoldUntilUtc = endUtc + gap,
        Launch = Launch,
        Pin = Pin,
        Secret = NewSecret(),
        EarlyJoinMinutes = EarlyJoinMinutes,
        ExtendMode = ExtendMode,
        EndWarnings = EndWarnings,
        State = MeetingState.Booked,
        Version = 1,
        Participants = Participants.Select(NewParticipant).ToList(),
    };

    public static MeetingParticipant NewParticipant(ParticipantInput p) => new()
    {
        Id = Guid.NewGuid(),
        Address = p.DialOut ? p.Address?.Trim() : null,
        Name = string.IsNullOrWhiteSpace(p.Name) ? null : p.Name.Trim(),
        Email = string.IsNullOrWhiteSpace(p.Email) ? null : p.Email.Trim(),
        DialOut = p.DialOut,
        OwnerId = Guid.NewGuid(),
        State = ParticipantState.Waiting,
    };

    public static string NewSecret() => Base64UrlEncoder(RandomNumberGenerator.GetBytes(16));

    private static string Base64UrlEncoder(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Recognises the PostgreSQL exclusion constraint refusing overlapping holds (SQLSTATE 23P01).</summary>
internal static class HoldConflicts
{
    public static bool IsHoldOverlap(DbUpdateException e) => e.InnerException is Npgsql.PostgresException { SqlState: "23P01" };

    /// <summary>A conflict that a booking resolves by reading again: the hold overlap (23P01), a deadlock (40P01) or a
    /// serialization failure (40001) anywhere in the exception's chain (EF Core wraps them in a DbUpdateException or an
    /// InvalidOperationException). PostgreSQL error codes, appendix A of its manual.</summary>
    public static bool IsRetryable(Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: "23P01" or "40P01" or "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when PostgreSQL stopped a wait for a lock at <c>lock_timeout</c> (SQLSTATE 55P03, lock_not_available),
    /// anywhere in the exception's chain: a booking's wait for the others ran out (<see cref="BookingGate"/>).</summary>
    public static bool IsLockTimeout(Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: "55P03" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>How often a booking re-reads free placeholders after losing a race for one. Bookings do not race each
    /// other (<see cref="BookingGate"/>); only a writer outside the gate (the lifecycle engine moving a hold) can make
    /// one lose, so a few attempts are plenty; each waits within the booking's one budget.</summary>
    public const int Attempts = 5;
}
