using System.Globalization;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>system/status</c>, <c>system/load</c>, <c>system/alarms</c>, <c>system/database</c>,
/// <c>system/configuration/cluster</c> and <c>system/cdrReceivers</c>, all per node; and
/// <c>system/profiles</c>, which is the cluster's.</summary>
internal static class SystemApi
{
    public static CmsResult Handle(CmsRequest r)
    {
        var node = r.Node;
        switch (r.Segment(1).ToLowerInvariant())
        {
            case "status" when r.Segments.Length == 2 && r.IsGet:
                return Status(r);
            case "load" when r.Segments.Length == 2 && r.IsGet:
                var load = MediaEngine.Load(node);
                return CmsResult.Xml(new XmlOut().Open("load").Element("mediaProcessingLoad", load).Close("load").ToString());
            case "alarms" when r.Segments.Length == 2 && r.IsGet:
                var alarms = node.Alarms.Select(a => (Type: a.Key, a.Value.Id, a.Value.Since, a.Value.Reason)).ToList();
                return Listing.Write(r, "alarms", "alarm", alarms, a => a.Id, (xml, a) => xml
                    .Element("type", a.Type)
                    .Element("activeTimeSeconds", (long)(r.Now - a.Since).TotalSeconds)
                    .Element("failureReason", a.Reason));
            case "database" when r.Segments.Length == 2 && r.IsGet:
                return Database(r);
            case "configuration" when r.SegmentIs(2, "cluster") && r.Segments.Length == 3:
                if (r.IsGet)
                {
                    return ClusterConfiguration(r);
                }
                if (r.IsPut || r.IsPost)
                {
                    node.ClusterConfiguration.Apply(r.Read(Schemas.ClusterConfiguration));
                    r.Audit("modified cluster configuration");
                    return CmsResult.Done;
                }
                throw CmsFailure.InvalidOperation();
            case "profiles" when r.Segments.Length == 2:
                return Profiles(r);
            case "cdrreceivers":
                return CdrReceiversApi.Handle(r);
            default:
                throw CmsFailure.UnrecognizedObject();
        }
    }

    /// <summary><c>system/configuration/cluster</c> as the blueprint's example answer shows it: an unset value
    /// is an empty element (<c>&lt;uniqueName/&gt;</c>); <c>peerLinkBitRate</c>, which the example leaves out,
    /// appears only when set. Load limits came in 2.1, <c>maxPeerVideoStreams</c> in 2.3.3.</summary>
    private static CmsResult ClusterConfiguration(CmsRequest r)
    {
        var values = r.Node.ClusterConfiguration;
        var xml = new XmlOut().Open("cluster");
        xml.ElementOrEmpty("uniqueName", values["uniqueName"]);
        xml.Element("peerLinkBitRate", values["peerLinkBitRate"]);
        if (r.Since(2, 3, 3))
        {
            xml.ElementOrEmpty("maxPeerVideoStreams", values["maxPeerVideoStreams"]);
        }
        xml.ElementOrEmpty("participantLimit", values["participantLimit"]);
        if (r.Since(2, 1))
        {
            xml.ElementOrEmpty("loadLimit", values["loadLimit"]);
            xml.ElementOrEmpty("newConferenceLoadLimitBasisPoints", values["newConferenceLoadLimitBasisPoints"]);
            xml.ElementOrEmpty("existingConferenceLoadLimitBasisPoints", values["existingConferenceLoadLimitBasisPoints"]);
        }
        return CmsResult.Xml(xml.Close("cluster").ToString());
    }

    /// <summary><c>system/profiles</c>: the global profiles, shared by the cluster. GET lists the references
    /// that are set; PUT sets or (with an empty value) unsets them; POST is <c>invalidOperation</c>, as the
    /// blueprint's failure table says.</summary>
    private static CmsResult Profiles(CmsRequest r)
    {
        var profiles = r.Db.SystemProfiles;
        if (r.IsGet)
        {
            var xml = new XmlOut().Open("profiles");
            profiles.WriteValues(xml, Schemas.SystemProfiles);
            return CmsResult.Xml(xml.Close("profiles").ToString());
        }
        if (!r.IsPut)
        {
            throw CmsFailure.InvalidOperation();
        }
        profiles.Apply(r.Read(Schemas.SystemProfiles));
        r.Audit("modified global profiles");
        return CmsResult.Done;
    }

    private static CmsResult Status(CmsRequest r)
    {
        var node = r.Node;
        var rates = MediaEngine.BitRates(node);
        var xml = new XmlOut().Open("status");
        if (r.Cluster.Version >= new Version(2, 6))
        {
            xml.Element("hostId", node.HostId);
        }
        xml.Element("softwareVersion", r.Cluster.Options.SoftwareVersion)
            .Element("uptimeSeconds", (long)(r.Now - node.StartedAt).TotalSeconds)
            .Element("cdrTime", r.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (r.Cluster.Version.Major < 3)
        {
            xml.Element("activated", true);
        }
        xml.Element("clusterEnabled", r.Cluster.Nodes.Count > 1);
        if (r.Cluster.Version.Major >= 3)
        {
            xml.Element("clusterId", r.Cluster.ClusterId);
        }
        // cdrCorrelatorIndex came in 2.2: the seed's 2.0 status is 518 bytes, exactly the other twelve fields.
        if (r.Cluster.Version >= new Version(2, 2))
        {
            xml.Element("cdrCorrelatorIndex", node.Cdr.CorrelatorIndex);
        }
        return CmsResult.Xml(xml
            .Element("callLegsActive", node.Legs.Count)
            .Element("callLegsMaxActive", node.LegsMaxActive)
            .Element("callLegsCompleted", node.LegsCompleted)
            .Element("audioBitRateOutgoing", rates.AudioOut)
            .Element("audioBitRateIncoming", rates.AudioIn)
            .Element("videoBitRateOutgoing", rates.VideoOut)
            .Element("videoBitRateIncoming", rates.VideoIn)
            .Close("status").ToString());
    }

    private static CmsResult Database(CmsRequest r)
    {
        var nodes = r.Cluster.Nodes;
        if (nodes.Count == 1)
        {
            return CmsResult.Xml(new XmlOut().Empty("database", ("clustered", "disabled")).ToString());
        }
        var xml = new XmlOut().OpenWith("database", ("clustered", "enabled")).Open("cluster")
            .Element("totalNodes", nodes.Count)
            .Element("nodeInUse", nodes[0].Name);
        foreach (var node in nodes)
        {
            xml.Empty("node", ("hostname", node.Name), ("up", node.IsUp ? "true" : "false"),
                ("syncBehind", "0"), ("master", node == nodes[0] ? "true" : "false"));
        }
        return CmsResult.Xml(xml.Close("cluster").Close("database").ToString());
    }
}
