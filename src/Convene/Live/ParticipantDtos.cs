using Convene.Meetings;

namespace Convene.Live;

/// <summary>A participant to add to a meeting (<c>POST /api/meetings/{id}/participants</c>), as in a booking: a
/// dial-out (<paramref name="Address"/>: a SIP URI, <c>user@host</c> or an E.164 number) dialled now, or a dial-in
/// guest (a name and email). <paramref name="DialOut"/> defaults to true when an address is given.</summary>
public sealed record NewParticipant(string? Address, string? Name, string? Email, bool? DialOut);

/// <summary>Changes to a participant on the call (<c>PATCH /api/meetings/{id}/participants/{pid}</c>):
/// <paramref name="MuteAudio"/> mutes what the far end says, <paramref name="MuteVideo"/> stops its video — the
/// leg's <c>rxAudioMute</c>/<c>rxVideoMute</c>, the operator mute of CMS's own UI (API reference "callLegs"
/// PUT). At least one is required.</summary>
public sealed record ParticipantChanges(bool? MuteAudio, bool? MuteVideo);

/// <summary>A participant and its live state: <paramref name="State"/> follows the CMS call leg, <paramref name="Reason"/>
/// is CMS's <c>callLegEnd</c> reason of a failed or ended leg, <paramref name="InLobby"/> is true while the leg waits
/// deactivated, <paramref name="RetryAtUtc"/> is when a failed dial-out is dialled again.</summary>
public sealed record LiveParticipantDto(Guid Id, string? Address, string? Name, string? Email, bool DialOut, ParticipantState State,
    string? Reason, bool InLobby, bool AudioMuted, bool VideoMuted, int Attempts, DateTimeOffset? RetryAtUtc)
{
    public static LiveParticipantDto From(MeetingParticipant p) =>
        new(p.Id, p.Address, p.Name, p.Email, p.DialOut, p.State, p.Reason, p.InLobby, p.AudioMuted, p.VideoMuted, p.Attempts, p.RetryAtUtc);
}
