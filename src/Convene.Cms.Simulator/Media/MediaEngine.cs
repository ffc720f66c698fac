using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// The simulated media side of every node: calls, dial-outs that ring and connect (or fail as the
/// directory says), dial-ins, hang-ups, counters and bit rates, and the CDRs each change emits.
/// Every method runs under the cluster lock.
/// </summary>
internal sealed partial class MediaEngine(SimCluster cluster)
{
    public const int AudioBitRate = 64_000;

    public static SimCall? CallOfSpace(SimNode node, string spaceId) =>
        node.Calls.Values.FirstOrDefault(c => c.SpaceId == spaceId);

    /// <summary>Every instance of the same meeting shares one correlator, on whichever node it runs.</summary>
    public IEnumerable<SimCall> Instances(SimCall call) =>
        cluster.Nodes.SelectMany(n => n.Calls.Values).Where(c => c.Correlator == call.Correlator);

    public SimCall CreateCall(SimNode node, Space? space, string? name, bool byApi, string? correlator = null)
    {
        var now = cluster.Time.GetUtcNow();
        correlator ??= space is null
            ? null
            : cluster.Nodes.SelectMany(n => n.Calls.Values).FirstOrDefault(c => c.SpaceId == space.Id)?.Correlator;
        var call = new SimCall(CmsObject.NewId(), node)
        {
            SpaceId = space?.Id,
            Name = name ?? space?.Name ?? "",
            Correlator = correlator ?? CmsObject.NewId(),
            StartedAt = now,
            CreatedByApi = byApi,
        };
        node.Calls.Add(call.Id, call);
        node.Cdr.Record(now, "callStart", xml => xml.Open("call", call.Id)
            .Element("name", call.Name)
            .Element("ownerName", space?["meetingScheduler"])
            .Element("callType", space is null ? "adHoc" : "coSpace")
            .Element("coSpace", call.SpaceId)
            .Element("callCorrelator", call.Correlator)
            .Element("cdrTag", space?["cdrTag"])
            .Element("tenant", space?["tenant"])
            .Close("call"));
        foreach (var other in Instances(call).Where(c => c.Node != node).ToList())
        {
            AddLink(call, other, "outgoing");
            AddLink(other, call, "incoming");
        }
        return call;
    }

    /// <summary>A distribution link: the leg that carries one node's instance of a meeting to another
    /// node's instance. It is a call leg (counted, listed, with CDRs) but no participant.</summary>
    private void AddLink(SimCall call, SimCall peer, string direction)
    {
        var node = call.Node;
        var now = cluster.Time.GetUtcNow();
        var leg = new SimLeg(CmsObject.NewId(), call, new SimParticipant(CmsObject.NewId(), call) { Name = peer.Node.Name, Uri = peer.Node.Name })
        {
            RemoteParty = peer.Node.Name,
            Direction = direction,
            CreatedAt = now,
            SipCallId = Guid.NewGuid().ToString("N"),
            LinkedCall = peer,
            State = LegState.Connected,
            ConnectedAt = now,
        };
        call.Legs.Add(leg);
        node.Legs.Add(leg.Id, leg);
        call.MaxLegs = Math.Max(call.MaxLegs, call.Legs.Count);
        node.LegsMaxActive = Math.Max(node.LegsMaxActive, node.Legs.Count);
        node.Cdr.Record(now, "callLegStart", xml => xml.Open("callLeg", leg.Id)
            .Element("displayName", peer.Node.Name)
            .Element("remoteAddress", peer.Node.Name)
            .Element("call", call.Id)
            .Element("type", "acano")
            .Element("subType", "distributionLink")
            .Element("direction", direction)
            .Close("callLeg"));
    }

    public void EndCall(SimCall call, string reason)
    {
        foreach (var leg in call.Legs.ToList())
        {
            EndLeg(leg, reason, remoteTeardown: false, endEmptyCall: false);
        }
        var node = call.Node;
        if (!node.Calls.Remove(call.Id))
        {
            return;
        }
        foreach (var link in cluster.Nodes.SelectMany(n => n.Legs.Values).Where(l => l.LinkedCall == call).ToList())
        {
            EndLeg(link, "remoteTeardown", remoteTeardown: true);
        }
        var now = cluster.Time.GetUtcNow();
        StopRecorders(call, now);
        node.Cdr.Record(now, "callEnd", xml => xml.Open("call", call.Id)
            .Element("callLegsCompleted", call.LegsCompleted)
            .Element("callLegsMaxActive", call.MaxLegs)
            .Element("durationSeconds", (long)(now - call.StartedAt).TotalSeconds)
            .Close("call"));
    }

    public void EndCallsOfSpace(string spaceId, string reason)
    {
        foreach (var call in cluster.Nodes.SelectMany(n => n.Calls.Values).Where(c => c.SpaceId == spaceId).ToList())
        {
            EndCall(call, reason);
        }
    }

    /// <summary>A node that goes down loses its calls without a word (no CDRs, as after a crash); the
    /// other nodes see their distribution links to it drop.</summary>
    public void DropNode(SimNode node)
    {
        var lost = node.Calls.Values.ToHashSet();
        node.ResetMedia();
        foreach (var link in cluster.Nodes.Where(n => n != node).SelectMany(n => n.Legs.Values).Where(l => l.LinkedCall is { } peer && lost.Contains(peer)).ToList())
        {
            EndLeg(link, "remoteTeardown", remoteTeardown: true);
        }
        // Activators lost with the node no longer keep the other nodes' instances activated.
        var correlators = lost.Select(c => c.Correlator).ToHashSet();
        foreach (var survivor in cluster.Nodes.Where(n => n != node).SelectMany(n => n.Calls.Values).Where(c => correlators.Contains(c.Correlator)).ToList())
        {
            AfterActivatorLeft(survivor, null);
        }
    }

    /// <summary>Adds a participant and its leg to the call. <paramref name="configuration"/> holds the
    /// leg's own settings; a <c>deactivated</c> value among them decides the lobby on join.</summary>
    public SimLeg AddLeg(SimCall call, string remoteParty, string direction, IReadOnlyDictionary<string, string?> configuration, int? bandwidth,
        string? originalRemoteParty = null, string? accessMethodId = null)
    {
        var node = call.Node;
        var now = cluster.Time.GetUtcNow();
        var participant = new SimParticipant(CmsObject.NewId(), call) { Name = remoteParty, Uri = remoteParty };
        var settings = configuration.Where(c => c.Key != "deactivated").ToDictionary();
        var leg = new SimLeg(CmsObject.NewId(), call, participant)
        {
            RemoteParty = remoteParty,
            OriginalRemoteParty = originalRemoteParty ?? remoteParty,
            AccessMethodId = accessMethodId,
            JoinDeactivated = configuration.GetValueOrDefault("deactivated") is { } joinDeactivated ? joinDeactivated == "true" : null,
            Direction = direction,
            CreatedAt = now,
            Bandwidth = bandwidth ?? 2_000_000,
            SipCallId = Guid.NewGuid().ToString("N"),
        };
        leg.Apply(settings);
        leg.IsActivator = Effective(leg, "needsActivation") != "true";
        participant.Legs.Add(leg);
        call.Legs.Add(leg);
        node.Legs.Add(leg.Id, leg);
        node.Participants.Add(participant.Id, participant);
        call.MaxLegs = Math.Max(call.MaxLegs, call.Legs.Count);
        node.LegsMaxActive = Math.Max(node.LegsMaxActive, node.Legs.Count);
        RecordLegStart(leg, now);
        return leg;
    }

    public void EndLeg(SimLeg leg, string reason, bool remoteTeardown, bool endEmptyCall = true)
    {
        var node = leg.Call.Node;
        if (!node.Legs.Remove(leg.Id))
        {
            return;
        }
        leg.Timer?.Dispose();
        leg.DeactivationTimer?.Dispose();
        var call = leg.Call;
        call.Legs.Remove(leg);
        call.LegsCompleted++;
        node.LegsCompleted++;
        leg.Participant.Legs.Remove(leg);
        if (leg.Participant.Legs.Count == 0)
        {
            node.Participants.Remove(leg.Participant.Id);
        }
        var now = cluster.Time.GetUtcNow();
        RecordLegEnd(leg, reason, remoteTeardown, now);
        node.Trace.Event(now, $"call leg {leg.Id} to \"{leg.RemoteParty}\" ended: {reason}");
        if (endEmptyCall && !leg.IsLink)
        {
            LeaveMeeting(leg);
        }
        if (endEmptyCall && !call.ParticipantLegs.Any() && !call.CreatedByApi && node.Calls.ContainsKey(call.Id))
        {
            EndCall(call, "callEnded");
        }
    }

    public void Connect(SimLeg leg)
    {
        var node = leg.Call.Node;
        var now = cluster.Time.GetUtcNow();
        leg.State = LegState.Connected;
        leg.ConnectedAt = now;
        EnterMeeting(leg, now);
        RecordLegUpdate(leg, now);
        node.Trace.Conference(now, $"participant \"{leg.RemoteParty}\" joined space {leg.Call.SpaceId} ({leg.Call.Name}){(leg.Deactivated ? " and waits in the lobby" : "")}");
    }

    /// <summary>Media processing load: one unit per kbit/s of connected video, as a rough CMS-like figure.</summary>
    public static long Load(SimNode node) =>
        node.Legs.Values.Where(l => l.State == LegState.Connected).Sum(l => (long)(l.Bandwidth / 1000));

    public static (long AudioIn, long AudioOut, long VideoIn, long VideoOut) BitRates(SimNode node)
    {
        long audioIn = 0, audioOut = 0, videoIn = 0, videoOut = 0;
        foreach (var leg in node.Legs.Values)
        {
            if (leg.State != LegState.Connected)
            {
                continue;
            }
            var video = VideoBitRate(leg);
            // Mutes count from wherever the leg inherits them: its own settings or any profile of its chain.
            var configuration = LegConfiguration.Effective(node.Cluster, leg);
            audioIn += configuration.GetValueOrDefault("rxAudioMute") == "true" ? 0 : AudioBitRate;
            audioOut += configuration.GetValueOrDefault("txAudioMute") == "true" ? 0 : AudioBitRate;
            videoIn += configuration.GetValueOrDefault("rxVideoMute") == "true" ? 0 : video;
            videoOut += configuration.GetValueOrDefault("txVideoMute") == "true" ? 0 : video;
        }
        return (audioIn, audioOut, videoIn, videoOut);
    }

    public static long VideoBitRate(SimLeg leg) => Math.Max(0, leg.Bandwidth - AudioBitRate);
}
