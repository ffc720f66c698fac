using Convene.Data;
using Convene.Meetings;

namespace Convene.Lifecycle;

/// <summary>
/// A running meeting as it was before a <c>PATCH</c>: what the change may touch (title, PIN, end and hold, launch,
/// extend mode, end warnings, the exception flag, the participants with every field). The change is saved first;
/// when the bridge then refuses it, <see cref="Restore"/> puts all of it back, so nothing is half-applied.
/// </summary>
internal sealed class RunningEdit
{
    private RunningEdit(Meeting m)
    {
        MeetingId = m.Id;
        Title = m.Title;
        Pin = m.Pin;
        EndLocal = m.EndLocal;
        EndUtc = m.EndUtc;
        HoldUntilUtc = m.HoldUntilUtc;
        Launch = m.Launch;
        ExtendMode = m.ExtendMode;
        EndWarnings = m.EndWarnings;
        IsException = m.IsException;
        SpacePending = m.SpacePending;
        Participants = m.Participants.Select(Copy).ToList();
    }

    public Guid MeetingId { get; }

    public string Title { get; }

    public string? Pin { get; }

    public DateTime EndLocal { get; }

    public DateTimeOffset EndUtc { get; }

    public DateTimeOffset HoldUntilUtc { get; }

    public LaunchType Launch { get; }

    public ExtendMode ExtendMode { get; }

    public string EndWarnings { get; }

    public bool IsException { get; }

    /// <summary>Whether a push of the space was already pending before the change.</summary>
    public bool SpacePending { get; }

    /// <summary>Copies of the participants before the change (detached).</summary>
    public IReadOnlyList<MeetingParticipant> Participants { get; }

    /// <summary>Captures a tracked meeting (with its participants) before the change is applied to it.</summary>
    public static RunningEdit Capture(Meeting meeting) => new(meeting);

    /// <summary>What of the space changed: the new name and passcode when they differ from before; an empty list
    /// when the space need not change.</summary>
    public List<string> SpaceChanges(Meeting now)
    {
        var what = new List<string>();
        if (!string.Equals(now.Title, Title, StringComparison.Ordinal))
        {
            what.Add("title");
        }
        if (!string.Equals(now.Pin, Pin, StringComparison.Ordinal))
        {
            what.Add("PIN");
        }
        return what;
    }

    /// <summary>Marks the changed meeting's space as needing a push when its title or PIN differs from before, in the
    /// same save as the change (<see cref="Meeting.SpacePending"/>): a crash before the PUT then leaves it for
    /// reconciliation instead of leaving the old values on the space.</summary>
    public void MarkSpacePending(Meeting now) => now.SpacePending |= SpaceChanges(now).Count > 0;

    /// <summary>Puts the meeting (tracked, with its participants, in <paramref name="db"/>) back as it was: participants
    /// added by the change are removed, removed ones come back with their state, renamed ones get their names back.</summary>
    public void Restore(Meeting meeting, ConveneDb db)
    {
        meeting.Title = Title;
        meeting.Pin = Pin;
        meeting.EndLocal = EndLocal;
        meeting.EndUtc = EndUtc;
        meeting.HoldUntilUtc = HoldUntilUtc;
        meeting.Launch = Launch;
        meeting.ExtendMode = ExtendMode;
        meeting.EndWarnings = EndWarnings;
        meeting.IsException = IsException;
        meeting.SpacePending = SpacePending;
        var before = Participants.ToDictionary(p => p.Id);
        foreach (var added in meeting.Participants.Where(p => !before.ContainsKey(p.Id)).ToList())
        {
            meeting.Participants.Remove(added);
            db.MeetingParticipants.Remove(added);
        }
        foreach (var old in Participants)
        {
            if (meeting.Participants.FirstOrDefault(p => p.Id == old.Id) is { } kept)
            {
                kept.Name = old.Name;
                kept.Email = old.Email;
            }
            else
            {
                var back = Copy(old);
                db.MeetingParticipants.Add(back);
                meeting.Participants.Add(back);
            }
        }
    }

    private static MeetingParticipant Copy(MeetingParticipant p) => new()
    {
        Id = p.Id, MeetingId = p.MeetingId, Address = p.Address, Name = p.Name, Email = p.Email, DialOut = p.DialOut, State = p.State,
        Reason = p.Reason, OwnerId = p.OwnerId, CallLegId = p.CallLegId, Attempts = p.Attempts, AudioMuted = p.AudioMuted,
        VideoMuted = p.VideoMuted, InLobby = p.InLobby, RetryAtUtc = p.RetryAtUtc,
    };
}
