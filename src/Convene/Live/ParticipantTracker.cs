using Convene.Data;
using Convene.Meetings;

namespace Convene.Live;

/// <summary>Applies a change seen on the bridge (from a CDR or a poll) to a participant, and records it on the
/// meeting's timeline as a <see cref="MeetingEventKind.Participant"/> event; the caller saves.</summary>
public sealed class ParticipantTracker(ConveneDb db, TimeProvider time, LiveMetrics metrics, Microsoft.Extensions.Options.IOptions<LiveOptions> options)
{
    /// <summary>Moves <paramref name="participant"/> to a live <paramref name="state"/> (Dialling, Ringing,
    /// Connected) and, when given, the lobby flag; records the change. Nothing happens when nothing changes.</summary>
    public void Set(Meeting meeting, MeetingParticipant participant, ParticipantState state, bool? inLobby = null)
    {
        var before = (participant.State, participant.Reason, participant.InLobby);
        if (state == ParticipantState.Connected && before.State != ParticipantState.Connected && participant.DialOut)
        {
            metrics.DialOut("connected");
        }
        participant.State = state;
        participant.Reason = null;
        participant.RetryAtUtc = null;
        participant.InLobby = inLobby ?? participant.InLobby;
        if (before != (participant.State, participant.Reason, participant.InLobby))
        {
            Record(meeting, participant, Describe(participant));
        }
    }

    /// <summary>The participant's leg ended with the CMS <paramref name="reason"/> (<c>callLegEnd</c>): a leg that
    /// had connected is <see cref="ParticipantState.Disconnected"/>, one that never did is
    /// <see cref="ParticipantState.Failed"/>. A failed dial-out of an Automatic meeting gets a retry time (back-off)
    /// when its reason is in <see cref="LiveOptions.RetryReasons"/> and attempts remain.</summary>
    public void Ended(Meeting meeting, MeetingParticipant participant, string? reason)
    {
        if (participant.State is ParticipantState.Disconnected or ParticipantState.Failed or ParticipantState.Waiting)
        {
            return;
        }
        participant.State = participant.State == ParticipantState.Connected ? ParticipantState.Disconnected : ParticipantState.Failed;
        participant.Reason = reason is { Length: > 300 } ? reason[..300] : reason;
        participant.InLobby = false;
        if (participant.State == ParticipantState.Failed)
        {
            ScheduleRetry(meeting, participant, reason);
        }
        Record(meeting, participant, Describe(participant));
    }

    /// <summary>Records a participant event with <paramref name="text"/>.</summary>
    public void Record(Meeting meeting, MeetingParticipant participant, string text) => db.MeetingEvents.Add(new MeetingEvent
    {
        MeetingId = meeting.Id,
        TimeUtc = time.GetUtcNow(),
        Kind = MeetingEventKind.Participant,
        ParticipantId = participant.Id,
        Text = text.Length > 2000 ? text[..2000] : text,
    });

    /// <summary>"Alice (alice@example.com): Failed (remoteBusy), retry at …".</summary>
    public static string Describe(MeetingParticipant p)
    {
        var who = p.Name is { Length: > 0 } name ? p.Address is null ? name : $"{name} ({p.Address})" : p.Address ?? p.Id.ToString();
        var what = p.State.ToString() + (p.InLobby ? " (in the lobby)" : "") + (p.Reason is null ? "" : $" ({p.Reason})");
        var retry = p.RetryAtUtc is { } at ? $", retry {p.Attempts + 1} at {at:u}" : "";
        return $"{who}: {what}{retry}";
    }

    private void ScheduleRetry(Meeting meeting, MeetingParticipant participant, string? reason)
    {
        var o = options.Value;
        participant.RetryAtUtc = null;
        if (!participant.DialOut || participant.Address is null)
        {
            return;
        }
        metrics.DialOut("failed");
        if (meeting.Launch == LaunchType.Automatic && meeting.State is MeetingState.Starting or MeetingState.Running && participant.Attempts <= o.DialOutRetries
            && reason is not null && o.RetryReasons.Contains(reason, StringComparer.OrdinalIgnoreCase))
        {
            // Back-off: RetryDelay, then twice as long each time.
            var wait = o.RetryDelay * Math.Pow(2, Math.Max(0, participant.Attempts - 1));
            participant.RetryAtUtc = time.GetUtcNow() + wait;
        }
        else if (participant.Attempts > 1)
        {
            metrics.DialOut("gave_up");
        }
    }
}
