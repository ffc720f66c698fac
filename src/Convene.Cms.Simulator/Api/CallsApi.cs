using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>calls[/id]</c> with <c>callLegs</c> and <c>participants</c> under a call: active
/// conference instances, which belong to the node that hosts them.</summary>
internal static class CallsApi
{
    public static CmsResult Handle(CmsRequest r)
    {
        var node = r.Node;
        if (r.Segments.Length == 1)
        {
            return r.Method switch
            {
                "GET" => List(r),
                "POST" => Create(r),
                _ => throw CmsFailure.InvalidOperation(),
            };
        }
        if (!node.Calls.TryGetValue(r.Id(1), out var call))
        {
            throw CmsFailure.NotFound("callDoesNotExist");
        }
        if (r.Segments.Length > 2)
        {
            return r.Segment(2).ToLowerInvariant() switch
            {
                "calllegs" or "callegs" when r.Segments.Length == 3 => CallLegsApi.HandleUnderCall(r, call),
                "participants" => ParticipantsApi.HandleUnderCall(r, call),
                _ => throw CmsFailure.UnrecognizedObject(),
            };
        }
        switch (r.Method)
        {
            case "GET":
                return Detail(r, call);
            case "PUT":
                call.Apply(r.Read(Schemas.Call));
                r.Cluster.Media.FollowRecorders(call);
                r.Audit($"modified call {call.Id}");
                return CmsResult.Done;
            case "DELETE":
                r.Cluster.Media.EndCall(call, "callDeleted");
                r.Audit($"deleted call {call.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    private static CmsResult List(CmsRequest r)
    {
        var space = r.Query.GetNonEmpty("coSpaceFilter")?.ToLowerInvariant();
        var tenant = r.Query.GetNonEmpty("tenantFilter")?.ToLowerInvariant();
        var calls = r.Node.Calls.Values
            .Where(c => (space is null || c.SpaceId == space) && (tenant is null || Tenant(r, c) == tenant))
            .ToList();
        return Listing.Write(r, "calls", "call", calls, c => c.Id, (xml, c) => xml
            .Element("name", c.Name)
            .Element("coSpace", c.SpaceId)
            .Element("callCorrelator", c.Correlator)
            .Element("tenant", Tenant(r, c)));
    }

    private static CmsResult Create(CmsRequest r)
    {
        var values = r.Read(Schemas.Call);
        var spaceId = values.GetValueOrDefault("coSpace");
        var name = values.GetValueOrDefault("name");
        if (spaceId is null && name is null)
        {
            throw CmsFailure.BadParameter("coSpace");
        }
        var space = spaceId is null ? null : r.Db.FindSpace(spaceId);
        var media = r.Cluster.Media;
        var host = values.Remove("callBridgeGroup", out var group) && group is not null
            ? RoutingApi.PlaceInGroup(r, group, "loadBalancingEnabled", r.Node)
            : r.Node;
        if (space is not null && MediaEngine.CallOfSpace(host, space.Id) is { } existing)
        {
            switch (r.Cluster.Options.DuplicateCalls)
            {
                case DuplicateCallPolicy.ReturnExisting:
                    return CmsResult.Created("calls", existing.Id);
                case DuplicateCallPolicy.Reject:
                    throw CmsFailure.BadParameter("coSpace");
            }
        }
        var correlator = values.GetValueOrDefault("callCorrelator");
        values.Remove("coSpace");
        values.Remove("name");
        values.Remove("callCorrelator");
        var call = media.CreateCall(host, space, name, byApi: true, correlator);
        call.Apply(values);
        media.FollowRecorders(call);
        r.Audit($"created new call {call.Id}");
        return CmsResult.Created("calls", call.Id);
    }

    /// <summary>A call as the blueprint's example answer shows it. The remote counts appear only when the
    /// meeting is distributed; the banner's position and duration have CMS's defaults (middle, 0); the
    /// recording and streaming flags say what was asked, their statuses whether a recorder or streamer runs.</summary>
    private static CmsResult Detail(CmsRequest r, SimCall call)
    {
        var instances = r.Cluster.Media.Instances(call).ToList();
        var local = call.ParticipantLegs.Select(l => l.Participant).Distinct().Count();
        var space = call.SpaceId is null ? null : r.Db.FindSpace(call.SpaceId);
        var xml = new XmlOut().Open("call", call.Id)
            .Element("name", call.Name)
            .Element("callType", call.SpaceId is null ? "adHoc" : "coSpace")
            .Element("coSpace", call.SpaceId)
            .Element("tenant", Tenant(r, call));
        if (r.Since(2, 2))
        {
            // CMS API reference, calls: the space's meetingScheduler, else the owner's name or JID.
            xml.Element("ownerName", space?["meetingScheduler"] ?? space?["ownerJid"]);
        }
        xml.Element("callCorrelator", call.Correlator)
            .Element("durationSeconds", (long)(r.Now - call.StartedAt).TotalSeconds)
            .Element("numCallLegs", call.Legs.Count)
            .Element("maxCallLegs", call.MaxLegs)
            .Element("numParticipantsLocal", local);
        if (instances.Count > 1)
        {
            var remote = instances.Where(c => c != call).Sum(c => c.ParticipantLegs.Select(l => l.Participant).Distinct().Count());
            xml.Element("numParticipantsRemote", remote).Element("numDistributedInstances", instances.Count - 1);
        }
        var recorders = r.Cluster.Options.RecordersAvailable;
        xml.Element("locked", call.IsTrue("locked"))
            .Element("recording", call.IsTrue("recording"));
        if (r.Since(2, 1))
        {
            xml.Element("recordingStatus", recorders && call.IsTrue("recording"))
                .Element("streaming", call.IsTrue("streaming"))
                .Element("streamingStatus", recorders && call.IsTrue("streaming"));
        }
        xml.Element("allowAllMuteSelf", call.IsTrue("allowAllMuteSelf"))
            .Element("allowAllPresentationContribution", call.IsTrue("allowAllPresentationContribution"))
            .Element("joinAudioMuteOverride", call["joinAudioMuteOverride"]);
        if (r.Since(2, 1))
        {
            xml.Element("messageText", call["messageText"])
                .Element("messagePosition", call["messagePosition"] ?? "middle")
                .Element("messageDuration", call["messageDuration"] ?? "0");
        }
        if (r.Since(2, 2))
        {
            xml.Element("activeWhenEmpty", call["activeWhenEmpty"] != "false");
        }
        if (r.Since(2, 4))
        {
            // Only Skype and Lync clients record a meeting themselves; the simulator has none.
            xml.Element("endpointRecording", false);
        }
        xml.Element("panePlacementHighestImportance", call["panePlacementHighestImportance"])
            .Element("panePlacementSelfPaneMode", call["panePlacementSelfPaneMode"]);
        return CmsResult.Xml(xml.Close("call").ToString());
    }

    public static string? Tenant(CmsRequest r, SimCall call) =>
        call.SpaceId is null ? null : r.Db.FindSpace(call.SpaceId)?["tenant"];
}
