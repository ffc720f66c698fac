using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Cdr;
using Convene.Data;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Live;

/// <summary>Turns a CDR batch of one bridge into participant states (CDR guide §4.3–4.5). A record is matched to
/// a participant by the <c>ownerId</c> Convene dialled it with, else by its call leg id, else — a dial-in, or a
/// leg someone else added — by its call (<see cref="Meeting.CallId"/>), which adds a participant with
/// <see cref="MeetingParticipant.DialOut"/> false. Records already processed (same session and correlatorIndex)
/// are dropped, so a resent batch changes nothing. Distribution links between nodes are not people and are
/// skipped. A <c>callStart</c> whose <c>coSpace</c> is the placeholder space of a live meeting of this bridge records
/// the writing node's <see cref="CallInstance"/> (the end deletes the call on every such node); its <c>callEnd</c>
/// removes it.</summary>
public sealed class CdrIngest(ConveneDb db, ParticipantTracker tracker, TimeProvider time)
{
    private readonly Dictionary<string, (Meeting Meeting, MeetingParticipant Participant)?> _legs = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Meeting?> _meetings = [];

    /// <summary>The node of <paramref name="bridge"/> that wrote a batch: the one whose <c>callBridges</c> id is
    /// <paramref name="callBridge"/>; for a standalone bridge (one node with no call bridge id) that node. Null
    /// for a batch from anywhere else.</summary>
    public static BridgeNode? NodeOf(Bridge bridge, string? callBridge)
    {
        if (callBridge is not null && bridge.Nodes.FirstOrDefault(n => string.Equals(n.CallBridgeId, callBridge, StringComparison.OrdinalIgnoreCase)) is { } node)
        {
            return node;
        }
        return bridge.Nodes is [{ CallBridgeId: null } only] ? only : null;
    }

    /// <summary>Processes the new records of <paramref name="batch"/>, written by <paramref name="node"/>, and saves.
    /// Returns how many records were processed and how many were dropped as already seen.</summary>
    /// <exception cref="DbUpdateException">Another instance stored the same records at the same time; the CMS
    /// resends the batch and this instance then drops them.</exception>
    public async Task<(int Processed, int Duplicates)> ProcessAsync(Bridge bridge, BridgeNode node, CmsCdrBatch batch, CancellationToken cancellationToken)
    {
        var indexes = batch.Records.Select(r => r.CorrelatorIndex).Distinct().ToList();
        var seen = (await db.CdrRecordsSeen.Where(s => s.Session == batch.Session && indexes.Contains(s.CorrelatorIndex))
            .Select(s => s.CorrelatorIndex).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        var processed = 0;
        foreach (var record in batch.Records)
        {
            if (!seen.Add(record.CorrelatorIndex))
            {
                continue;
            }
            db.CdrRecordsSeen.Add(new CdrRecordSeen { Session = batch.Session, CorrelatorIndex = record.CorrelatorIndex, ReceivedUtc = now });
            processed++;
            await ApplyAsync(bridge.Id, node.Id, record, cancellationToken);
        }
        var state = await db.CdrNodeStates.FindAsync([node.Id], cancellationToken);
        if (state is null)
        {
            db.CdrNodeStates.Add(state = new CdrNodeState { NodeId = node.Id, BridgeId = bridge.Id });
        }
        state.LastCdrUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return (processed, batch.Records.Count - processed);
    }

    private async Task ApplyAsync(Guid bridgeId, Guid nodeId, CmsCdrRecord record, CancellationToken cancellationToken)
    {
        switch (record)
        {
            case CmsCdrCallStart start when start.CoSpace is { Length: > 0 } space:
                await InstanceStartedAsync(bridgeId, nodeId, start.CallId, space, start.Time, cancellationToken);
                break;
            case CmsCdrCallEnd end:
                // At once, not with the batch: the end may be deleting the same row.
                await db.CallInstances.Where(i => i.NodeId == nodeId && i.CallId == end.CallId).ExecuteDeleteAsync(cancellationToken);
                if (db.ChangeTracker.Entries<CallInstance>().FirstOrDefault(e => e.Entity.NodeId == nodeId && e.Entity.CallId == end.CallId) is { } added)
                {
                    added.State = EntityState.Detached; // started and ended within this batch
                }
                break;
            case CmsCdrCallLegStart start when !IsLink(start.SubType):
                if (await ResolveAsync(bridgeId, start.CallLegId, start.OwnerId, start.Call, start.RemoteParty, start.DisplayName, cancellationToken) is var (meeting, participant))
                {
                    tracker.Set(meeting, participant, ParticipantState.Dialling);
                }
                break;
            case CmsCdrCallLegStart start:
                _legs[start.CallLegId] = null;
                break;
            case CmsCdrCallLegUpdate update:
                if (await ResolveAsync(bridgeId, update.CallLegId, update.OwnerId, update.Call, update.RemoteAddress, update.DisplayName, cancellationToken) is var (m, p)
                    && p.State is not (ParticipantState.Disconnected or ParticipantState.Failed))
                {
                    var state = update.State switch
                    {
                        CallLegState.Ringing => ParticipantState.Ringing,
                        CallLegState.Connected or CallLegState.OnHold => ParticipantState.Connected,
                        CallLegState.Initial => ParticipantState.Dialling,
                        _ => p.State,
                    };
                    tracker.Set(m, p, state, update.Deactivated);
                }
                break;
            case CmsCdrCallLegEnd end:
                if (await ResolveAsync(bridgeId, end.CallLegId, null, null, null, null, cancellationToken) is var (em, ep))
                {
                    tracker.Ended(em, ep, end.Reason ?? "ended");
                }
                break;
        }
    }

    /// <summary>Records the node's instance of a live meeting's call; a call of a space no live meeting holds is not
    /// Convene's business.</summary>
    private async Task InstanceStartedAsync(Guid bridgeId, Guid nodeId, string callId, string spaceId, DateTimeOffset time, CancellationToken cancellationToken)
    {
        if (callId.Length > 36 || spaceId.Length > 36 || await db.CallInstances.FindAsync([nodeId, callId], cancellationToken) is not null)
        {
            return;
        }
        var meetingId = await (from m in db.Meetings
                               join p in db.Placeholders on m.PlaceholderId equals p.Id
                               where m.BridgeId == bridgeId && p.SpaceId == spaceId && Meeting.LiveStates.Contains(m.State)
                               select (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (meetingId is { } id)
        {
            db.CallInstances.Add(new CallInstance { NodeId = nodeId, CallId = callId, BridgeId = bridgeId, MeetingId = id, SpaceId = spaceId, StartedUtc = time });
        }
    }

    private static bool IsLink(string? subType) => string.Equals(subType, "distributionLink", StringComparison.OrdinalIgnoreCase);

    /// <summary>The meeting and participant of a leg: by owner id, else leg id, else (adding a participant) by call.</summary>
    private async Task<(Meeting, MeetingParticipant)?> ResolveAsync(Guid bridgeId, string legId, string? ownerId, string? callId, string? address,
        string? name, CancellationToken cancellationToken)
    {
        if (_legs.TryGetValue(legId, out var known))
        {
            return known;
        }
        MeetingParticipant? participant = null;
        if (Guid.TryParse(ownerId, out var owner))
        {
            participant = await db.MeetingParticipants.FirstOrDefaultAsync(p => p.OwnerId == owner, cancellationToken);
        }
        participant ??= await db.MeetingParticipants.FirstOrDefaultAsync(p => p.CallLegId == legId, cancellationToken);
        Meeting? meeting = null;
        if (participant is not null)
        {
            meeting = await MeetingAsync(participant.MeetingId, cancellationToken);
            if (meeting?.BridgeId != bridgeId)
            {
                return null; // a leg of another bridge's meeting: never touched from this bridge's receiver
            }
            participant.CallLegId = legId;
        }
        else if (callId is not null)
        {
            meeting = await db.Meetings.FirstOrDefaultAsync(m => m.CallId == callId && m.BridgeId == bridgeId, cancellationToken);
            if (meeting is null)
            {
                return null; // a call Convene does not run: not its business (the leg is looked at again with its next record)
            }
            participant = new MeetingParticipant
            {
                Id = Guid.NewGuid(),
                MeetingId = meeting.Id,
                Address = Cut(address, 300),
                Name = Cut(name, 200),
                DialOut = false,
                OwnerId = Guid.NewGuid(),
                CallLegId = legId,
                State = ParticipantState.Waiting,
            };
            db.MeetingParticipants.Add(participant);
        }
        if (meeting is null || participant is null)
        {
            return null;
        }
        _legs[legId] = (meeting, participant);
        return (meeting, participant);
    }

    private async Task<Meeting?> MeetingAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_meetings.TryGetValue(id, out var meeting))
        {
            _meetings[id] = meeting = await db.Meetings.FindAsync([id], cancellationToken);
        }
        return meeting;
    }

    private static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
