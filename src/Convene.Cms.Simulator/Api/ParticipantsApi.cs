using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>
/// <c>participants[/id[/callLegs]]</c> and <c>calls/{id}/participants[/id|/*]</c>. Each node of a
/// distributed call sees every participant of the meeting; those hosted elsewhere carry
/// <c>&lt;callBridge&gt;</c>. A POST may place the participant on another node with <c>callBridge</c>.
/// </summary>
internal static class ParticipantsApi
{
    private static readonly Schema BulkChange = new(
        ParamSpec.Bool("rxAudioMute"), ParamSpec.Bool("txAudioMute"), ParamSpec.Bool("rxVideoMute"), ParamSpec.Bool("txVideoMute"),
        ParamSpec.Choice("layout", Schemas.Layouts), ParamSpec.Int("importance", 0, 1000));

    public static CmsResult HandleUnderCall(CmsRequest r, SimCall call)
    {
        if (r.Segments.Length == 3)
        {
            if (r.IsGet)
            {
                return List(r, Visible(r.Node).Where(p => p.Call.Correlator == call.Correlator).ToList());
            }
            if (r.IsPost)
            {
                return Create(r, call);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length == 4 && r.Segment(3) == "*")
        {
            return r.IsPut ? ChangeAll(r, call) : throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length == 4 && r.Node.Participants.TryGetValue(r.Id(3), out var participant) && participant.Call == call)
        {
            return One(r, participant);
        }
        throw r.Segments.Length == 4 ? CmsFailure.NotFound("participantDoesNotExist") : CmsFailure.UnrecognizedObject();
    }

    public static CmsResult Handle(CmsRequest r)
    {
        if (r.Segments.Length == 1)
        {
            return r.IsGet ? List(r, Visible(r.Node).ToList()) : throw CmsFailure.InvalidOperation();
        }
        var id = r.Id(1);
        var participant = Visible(r.Node).FirstOrDefault(p => p.Id == id) ?? throw CmsFailure.NotFound("participantDoesNotExist");
        if (r.Segments.Length == 3 && r.SegmentIs(2, "callLegs") && r.IsGet)
        {
            return Listing.Write(r, "callLegs", "callLeg", participant.Call.Node == r.Node ? participant.Legs : [], l => l.Id,
                (xml, l) => LegXml.Summary(r, xml, l));
        }
        if (r.Segments.Length != 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (participant.Call.Node != r.Node && !r.IsGet)
        {
            throw CmsFailure.Refused("participantCannotBeModified");
        }
        return One(r, participant);
    }

    /// <summary>Participants this node can see: its own, and those of other nodes' instances of the
    /// meetings it hosts.</summary>
    private static IEnumerable<SimParticipant> Visible(SimNode node)
    {
        var local = node.Participants.Values;
        var correlators = node.Calls.Values.Select(c => c.Correlator).ToHashSet();
        var remote = node.Cluster.Nodes.Where(n => n != node && n.IsUp)
            .SelectMany(n => n.Participants.Values)
            .Where(p => correlators.Contains(p.Call.Correlator));
        return local.Concat(remote);
    }

    private static CmsResult List(CmsRequest r, List<SimParticipant> participants)
    {
        var filter = r.Query.GetNonEmpty("filter");
        var bridge = r.Query.GetNonEmpty("callBridgeFilter")?.ToLowerInvariant();
        var tenant = r.Query.GetNonEmpty("tenantFilter")?.ToLowerInvariant();
        var items = participants.Where(p => Listing.Matches(filter, p.Name, p.Uri)
                && (bridge is null || p.Call.Node.CallBridgeId == bridge)
                && (tenant is null || CallsApi.Tenant(r, p.Call) == tenant))
            .ToList();
        return Listing.Write(r, "participants", "participant", items, p => p.Id, (xml, p) => xml
            .Element("name", p.Name)
            .Element("call", LocalCallId(r, p))
            .Element("tenant", CallsApi.Tenant(r, p.Call))
            .Element("callBridge", p.Call.Node == r.Node ? null : p.Call.Node.CallBridgeId));
    }

    private static CmsResult One(CmsRequest r, SimParticipant participant)
    {
        switch (r.Method)
        {
            case "GET":
                return CmsResult.Xml(Detail(r, participant));
            case "PUT":
                var changes = r.Read(Schemas.Participant);
                // deactivated=false admits the participant from the lobby (what a lobby manager sends); it
                // is the legs' state, not a setting.
                var deactivated = changes.Remove("deactivated", out var value) ? value : null;
                participant.Apply(changes);
                foreach (var leg in participant.Legs)
                {
                    leg.Apply(changes);
                    r.Cluster.Media.Reevaluate(leg);
                    if (deactivated is not null)
                    {
                        r.Cluster.Media.SetDeactivated(leg, deactivated == "true");
                    }
                }
                r.Audit($"modified participant {participant.Id}");
                return CmsResult.Done;
            case "DELETE":
                foreach (var leg in participant.Legs.ToList())
                {
                    r.Cluster.Media.EndLeg(leg, "localTeardown", remoteTeardown: false);
                }
                r.Audit($"deleted participant {participant.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    /// <summary>A participant as the blueprint's example answer shows it: call first, then (for a local
    /// participant) its number of legs, name, URIs, whether it activates the meeting, then its configuration
    /// (2.2: importance, the name label (2.4), the default layout its legs get from their profile chain (2.8))
    /// and status (2.2: state, and from 2.8 whether its camera can be controlled).</summary>
    private static string Detail(CmsRequest r, SimParticipant participant)
    {
        var local = participant.Call.Node == r.Node;
        var connected = participant.Legs.Any(l => l.State == LegState.Connected);
        var state = participant.Legs.Count == 0 ? "initial" : participant.Legs.Max(l => l.State) switch
        {
            LegState.Connected => "connected",
            LegState.Ringing => "ringing",
            _ => "initial",
        };
        var xml = new XmlOut().Open("participant", participant.Id)
            .Element("call", LocalCallId(r, participant))
            .Element("tenant", CallsApi.Tenant(r, participant.Call))
            .Element("callBridge", local ? null : participant.Call.Node.CallBridgeId);
        if (local)
        {
            xml.Element("numCallLegs", participant.Legs.Count);
        }
        xml.Element("name", participant.Name).Element("uri", participant.Uri);
        if (r.Since(2, 3))
        {
            xml.Element("originalUri", participant.Legs.FirstOrDefault()?.OriginalRemoteParty ?? participant.Uri);
        }
        xml.Element("isActivator", participant.Legs.All(l => l.IsActivator));
        if (r.Since(2, 6))
        {
            xml.Element("canMove", true);
        }
        if (!r.Since(2, 2))
        {
            return xml.Close("participant").ToString();
        }
        var leg = participant.Legs.FirstOrDefault();
        var configuration = new Dictionary<string, string?>
        {
            ["importance"] = participant["importance"],
            ["nameLabelOverride"] = r.Since(2, 4) ? participant["nameLabelOverride"] ?? leg?["nameLabelOverride"] : null,
            ["defaultLayout"] = r.Since(2, 8) && leg is not null
                ? LegConfiguration.Effective(r.Cluster, leg).GetValueOrDefault("defaultLayout")
                : null,
        };
        if (configuration.Values.All(v => v is null))
        {
            xml.Empty("configuration");
        }
        else
        {
            xml.Open("configuration");
            foreach (var (name, value) in configuration)
            {
                xml.Element(name, value);
            }
            xml.Close("configuration");
        }
        xml.Open("status").Element("state", state);
        if (r.Since(2, 8))
        {
            xml.Element("cameraControlAvailable", connected);
        }
        return xml.Close("status").Close("participant").ToString();
    }

    private static CmsResult Create(CmsRequest r, SimCall call)
    {
        var values = r.Read(Schemas.Participant);
        var target = call;
        values.Remove("callBridge", out var bridgeId);
        if (values.Remove("callBridgeGroup", out var groupId) && groupId is not null && bridgeId is null)
        {
            // A group places the participant on its least loaded member (API reference: callBridgeGroup
            // on participants, 2.2; needs loadBalanceOutgoingCalls on the group).
            bridgeId = RoutingApi.PlaceInGroup(r, groupId, "loadBalanceOutgoingCalls", r.Node).CallBridgeId;
        }
        if (bridgeId is not null && bridgeId != r.Node.CallBridgeId)
        {
            var node = r.Cluster.NodeByBridgeId(bridgeId);
            if (node is null || !node.IsUp)
            {
                throw CmsFailure.Refused("callBridgeUnavailable");
            }
            var space = call.SpaceId is null ? null : r.Db.FindSpace(call.SpaceId);
            // Refuse before the other node gets an instance of the call: a refused participant must not
            // leave an empty call (and its callStart CDR) behind there.
            if (values.GetValueOrDefault("remoteParty") is null)
            {
                throw CmsFailure.BadParameter("remoteParty");
            }
            if (r.Cluster.Media.LimitReached(space, call.Correlator) is { } reason)
            {
                throw CmsFailure.Refused(reason);
            }
            target = (space is null ? null : MediaEngine.CallOfSpace(node, space.Id))
                ?? r.Cluster.Media.CreateCall(node, space, call.Name, byApi: false, call.Correlator);
        }
        var importance = values.GetValueOrDefault("importance");
        var label = values.GetValueOrDefault("nameLabelOverride");
        var leg = CallLegsApi.DialOut(r, target, values);
        if (importance is not null)
        {
            leg.Participant.Values["importance"] = importance;
        }
        if (label is not null)
        {
            leg.Participant.Values["nameLabelOverride"] = label;
        }
        r.Audit($"created new participant {leg.Participant.Id}, call {call.Id}");
        return CmsResult.Created("participants", leg.Participant.Id);
    }

    private static CmsResult ChangeAll(CmsRequest r, SimCall call)
    {
        var changes = BulkChange.Read(r.Form, create: false, r.Cluster.Validation);
        if (changes.Remove("layout", out var layout))
        {
            changes["chosenLayout"] = layout;
        }
        var ids = (r.Form.GetNonEmpty("filterIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => i.ToLowerInvariant()).ToHashSet();
        if (ids.Count > 20)
        {
            throw CmsFailure.BadParameter("filterIds");
        }
        var selected = (r.Form.GetNonEmpty("mode") ?? "exclude") switch
        {
            "selected" => true,
            "exclude" => false,
            _ => throw CmsFailure.BadParameter("mode"),
        };
        foreach (var leg in call.ParticipantLegs.Where(l => ids.Contains(l.Participant.Id) == selected))
        {
            leg.Apply(changes);
        }
        r.Audit($"modified all participants of call {call.Id}");
        return CmsResult.Done;
    }

    private static string LocalCallId(CmsRequest r, SimParticipant participant) =>
        participant.Call.Node == r.Node
            ? participant.Call.Id
            : r.Node.Calls.Values.FirstOrDefault(c => c.Correlator == participant.Call.Correlator)?.Id ?? participant.Call.Id;
}
