using System.Globalization;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>system/status</c>, <c>system/load</c>, <c>system/alarms</c>, <c>system/database</c>,
/// <c>system/configuration/cluster</c> and <c>system/cdrReceivers</c>: all per node.</summary>
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
                    var xml = new XmlOut().Open("cluster");
                    node.ClusterConfiguration.WriteValues(xml, Schemas.ClusterConfiguration);
                    return CmsResult.Xml(xml.Close("cluster").ToString());
                }
                if (r.IsPut || r.IsPost)
                {
                    node.ClusterConfiguration.Apply(r.Read(Schemas.ClusterConfiguration));
                    r.Audit("modified cluster configuration");
                    return CmsResult.Done;
                }
                throw CmsFailure.InvalidOperation();
            case "cdrreceivers":
                return CdrReceiversApi.Handle(r);
            default:
                throw CmsFailure.UnrecognizedObject();
        }
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
