using System.Text.Json.Serialization;

namespace Convene.Meetings;

/// <summary>
/// A participant of a meeting: dialled out to (a SIP URI, <c>user@host</c> or an E.164 number) or a dial-in
/// guest (a name and email, for the invitation). Its state follows the CMS call leg (CDRs, else polling).
/// </summary>
public sealed class MeetingParticipant
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    /// <summary>Where to dial; null for a dial-in guest.</summary>
    public string? Address { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public bool DialOut { get; set; }

    public ParticipantState State { get; set; }

    /// <summary>Why the participant failed or left, in CMS's words where it gave them (<c>callLegEnd</c> reason).</summary>
    public string? Reason { get; set; }

    /// <summary>The <c>ownerId</c> every dial-out carries, so a leg whose answer was lost is found, never dialled twice.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The call leg on the bridge, once dialled.</summary>
    public string? CallLegId { get; set; }

    /// <summary>Dial-out attempts made.</summary>
    public int Attempts { get; set; }

    public bool AudioMuted { get; set; }

    public bool VideoMuted { get; set; }

    /// <summary>True while the participant waits in the lobby (the leg's <c>deactivated</c>: no media until an
    /// activator joins).</summary>
    public bool InLobby { get; set; }

    /// <summary>When a failed dial-out is dialled again; null when no retry is due (the failure is final, or the
    /// participant is not failed).</summary>
    public DateTimeOffset? RetryAtUtc { get; set; }

    /// <summary>Optimistic concurrency: moved on by every save that changes the row (<see cref="ParticipantConcurrency"/>),
    /// so an update from a CDR and one from the engine on another instance never overwrite each other unseen.</summary>
    public long Version { get; set; }
}

/// <summary>A participant's state, as the API shows it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantState>))]
public enum ParticipantState
{
    Waiting,
    Dialling,
    Ringing,
    Connected,
    Disconnected,
    Failed,
}
