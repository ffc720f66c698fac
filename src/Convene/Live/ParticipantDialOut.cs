using System.Text;
using Convene.Cms;
using Convene.Meetings;

namespace Convene.Live;

/// <summary>The dial-out request for a participant: its address, its <see cref="MeetingParticipant.OwnerId"/> (so a leg
/// whose answer was lost is found, never dialled twice) and its name as the leg's <c>nameLabelOverride</c> (CMS 2.4+,
/// API blueprint: the name shown on the pane, in rosters and CDRs; a dialled-out leg has no name of its own). A name
/// longer than CMS's 50 UTF-8 bytes is cut at a character boundary; a participant without a name sends none.</summary>
public static class ParticipantDialOut
{
    public static DialOut Of(MeetingParticipant participant) => new(participant.Address!)
    {
        OwnerId = participant.OwnerId.ToString("D"),
        Overrides = Label(participant.Name) is { } label ? new CallLegChanges { NameLabelOverride = label } : null,
    };

    /// <summary>The name trimmed and cut to <see cref="CallLegChanges.NameLabelMaxBytes"/> bytes of UTF-8; null for none.</summary>
    public static string? Label(string? name)
    {
        var text = name?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var length = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > CallLegChanges.NameLabelMaxBytes)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length].TrimEnd();
    }
}
