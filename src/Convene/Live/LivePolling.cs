using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Live;

/// <summary>
/// The fallback when CDRs do not come: for each running meeting whose hosting node has no receiver registered or
/// sent no CDR for <see cref="CdrOptions.Silence"/>, lists the call's legs (<c>GET calls/{id}/callLegs</c>, one
/// request per page of legs). <see cref="LivePollingJob"/> runs it once per cluster every
/// <see cref="LiveOptions.PollInterval"/>, so each such meeting is polled once per interval however many instances run. A listed leg shows that it
/// exists but not its state, so legs still setting up and legs not yet known are read one by one
/// (<c>GET callLegs/{id}</c>), at most <see cref="LiveOptions.MaxLegReadsPerPoll"/> per poll over all meetings;
/// a known leg missing from the list has ended (reason <see cref="EndedReason"/>, since only a CDR says why). The silent
/// nodes' instances of live meetings' calls are polled too (<see cref="PollInstancesAsync"/>).
/// </summary>
public sealed partial class LivePolling(ConveneDb db, Dialler dialler, ParticipantTracker tracker, LiveState live, BridgeConnections connections,
    IOptions<LiveOptions> liveOptions, IOptions<CdrOptions> cdrOptions, TimeProvider time, ILogger<LivePolling> logger)
{
    /// <summary>The reason shown for a leg that polling found gone: the CMS's own reason only comes in a CDR.</summary>
    public const string EndedReason = "legEnded";

    /// <summary>Polls every running meeting on a silent node once; returns how many were polled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var quietSince = now - cdrOptions.Value.Silence;
        var nodes = await db.CdrNodeStates.AsNoTracking().ToDictionaryAsync(s => s.NodeId, cancellationToken);
        var meetings = await db.Meetings.Include(m => m.Participants)
            .Where(m => (m.State == MeetingState.Starting || m.State == MeetingState.Running) && m.CallId != null && m.CallNodeId != null)
            .ToListAsync(cancellationToken);
        var budget = liveOptions.Value.MaxLegReadsPerPoll;
        var polled = 0;
        bool Silent(Guid nodeId) => !nodes.TryGetValue(nodeId, out var node) || node.ReceiverId is null
            || (node.LastCdrUtc ?? node.CheckedUtc ?? DateTimeOffset.MinValue) < quietSince;
        foreach (var meeting in meetings)
        {
            if (!Silent(meeting.CallNodeId!.Value))
            {
                continue;
            }
            try
            {
                budget = await PollAsync(meeting, budget, cancellationToken);
                polled++;
            }
            catch (Exception e) when (e is CmsApiException or ProblemException)
            {
                Log.PollFailed(logger, e, meeting.Id);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await PollInstancesAsync(meetings, Silent, cancellationToken);
        return polled;
    }

    private async Task<int> PollAsync(Meeting meeting, int budget, CancellationToken cancellationToken)
    {
        var client = await dialler.ClientAsync(meeting, cancellationToken);
        List<CmsCallLegSummary> legs;
        try
        {
            legs = await client.ListCallLegsAsync(meeting.CallId!, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        }
        catch (CmsApiException e) when (e.IsNotFound)
        {
            legs = []; // the call is gone: so are its legs (the lifecycle decides what becomes of the meeting)
        }
        var listed = legs.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var participant in meeting.Participants.Where(p => p.CallLegId is not null && !listed.Contains(p.CallLegId)
            && p.State is ParticipantState.Dialling or ParticipantState.Ringing or ParticipantState.Connected))
        {
            tracker.Ended(meeting, participant, EndedReason);
        }
        foreach (var leg in legs)
        {
            var participant = meeting.Participants.FirstOrDefault(p => p.CallLegId == leg.Id);
            var unsettled = participant is null ? !live.Links.ContainsKey(leg.Id) : participant.State is ParticipantState.Dialling or ParticipantState.Ringing;
            if (!unsettled || budget <= 0)
            {
                continue;
            }
            budget--;
            CmsCallLeg detail;
            try
            {
                detail = await client.GetCallLegAsync(leg.Id, cancellationToken);
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                continue;
            }
            if (detail.IsDistributionLink)
            {
                live.Links[leg.Id] = true;
                continue;
            }
            participant ??= Guid.TryParse(detail.OwnerId, out var owner) ? meeting.Participants.FirstOrDefault(p => p.OwnerId == owner) : null;
            if (participant is null)
            {
                participant = new MeetingParticipant
                {
                    Id = Guid.NewGuid(),
                    MeetingId = meeting.Id,
                    Address = detail.RemoteParty,
                    Name = string.IsNullOrEmpty(detail.Name) ? null : detail.Name,
                    OwnerId = Guid.NewGuid(),
                    State = ParticipantState.Waiting,
                };
                db.MeetingParticipants.Add(participant);
                meeting.Participants.Add(participant);
            }
            participant.CallLegId = leg.Id;
            var state = detail.Status?.State switch
            {
                CallLegState.Ringing => ParticipantState.Ringing,
                CallLegState.Connected or CallLegState.OnHold => ParticipantState.Connected,
                _ => ParticipantState.Dialling,
            };
            tracker.Set(meeting, participant, state, detail.Status?.Deactivated ?? false);
        }
        return budget;
    }
}
