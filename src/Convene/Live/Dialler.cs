using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

/// <summary>Dials a participant out from its meeting's call on the node hosting it (<c>POST calls/{id}/callLegs</c>),
/// with its name as the leg's name label and always with the participant's <see cref="MeetingParticipant.OwnerId"/>: when the answer is lost the client finds
/// the leg by it (<see cref="CmsClient.FindCallLegByOwnerIdAsync"/>) instead of dialling again.</summary>
public sealed class Dialler(ConveneDb db, BridgeConnections connections, ParticipantTracker tracker, LiveMetrics metrics, ILogger<Dialler> logger)
{
    /// <summary>The client of the node hosting <paramref name="meeting"/>'s call.</summary>
    /// <exception cref="ProblemException">409 when the meeting has no call or its node is gone.</exception>
    public async Task<CmsClient> ClientAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var bridge = await db.Bridges.Include(b => b.Nodes).AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BridgeId, cancellationToken);
        var node = bridge?.Nodes.FirstOrDefault(n => n.Id == meeting.CallNodeId);
        if (bridge is null || node is null || meeting.CallId is null)
        {
            throw new ProblemException(409, $"Meeting \"{meeting.Title}\" has no call on its bridge.", type: "meeting-has-no-call");
        }
        return connections.Client(bridge, node);
    }

    /// <summary>Dials <paramref name="participant"/> (attempt <see cref="MeetingParticipant.Attempts"/>, counted by the
    /// caller) and saves its leg id; a refusal or a timeout with nothing dialled marks it failed with the reason
    /// (retried as <see cref="ParticipantTracker.Ended"/> decides) and is returned.</summary>
    public async Task<CmsApiException?> DialAsync(Meeting meeting, MeetingParticipant participant, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(meeting, cancellationToken);
        tracker.Set(meeting, participant, ParticipantState.Dialling);
        try
        {
            participant.CallLegId = await client.DialOutAsync(meeting.CallId!, ParticipantDialOut.Of(participant), cancellationToken);
            metrics.DialOut("dialled");
            if (participant.Attempts > 1)
            {
                metrics.DialOut("retried");
            }
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (CmsApiException e)
        {
            var reason = e.Kind == CmsErrorKind.Timeout ? "timeout" : (e.Reasons.Count > 0 ? e.Reasons[0].Name : e.Kind.ToString());
            Log.DialOutFailed(logger, participant.Id, reason, participant.Attempts);
            tracker.Ended(meeting, participant, reason);
            await db.SaveChangesAsync(cancellationToken);
            return e;
        }
    }
}
