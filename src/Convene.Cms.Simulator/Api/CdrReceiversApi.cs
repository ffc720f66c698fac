using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>system/cdrReceivers[/id]</c>: one node's CDR receivers, at most
/// <see cref="CmsSimulatorOptions.MaxCdrReceivers"/> (4 in current CMS), listed with
/// <c>maximum="4"</c>. Each is configured by <c>uri</c>; <c>url</c>, which Cisco's published Postman
/// collection sends, is taken as the same thing. When the last receiver goes, so does the node's
/// <c>cdrConnectionFailure</c> alarm: nothing is left to fail.</summary>
internal static class CdrReceiversApi
{
    public static CmsResult Handle(CmsRequest r)
    {
        var node = r.Node;
        var table = node.CdrReceivers;
        var max = r.Cluster.Options.MaxCdrReceivers;
        if (r.Segments.Length == 2)
        {
            if (r.IsGet)
            {
                var xml = new XmlOut().OpenWith("cdrReceivers", ("total", table.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("maximum", max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var offset = r.Query.GetInt("offset", 0) ?? 0;
                var limit = Math.Min(r.Query.GetInt("limit", 0) ?? r.Cluster.Options.MaxPageSize, r.Cluster.Options.MaxPageSize);
                foreach (var receiver in table.Values.Skip(offset).Take(limit))
                {
                    xml.Open("cdrReceiver", receiver.Id).Element("uri", receiver["uri"]).Close("cdrReceiver");
                }
                return CmsResult.Xml(xml.Close("cdrReceivers").ToString());
            }
            if (r.IsPost)
            {
                var changes = Read(r);
                if (changes.GetValueOrDefault("uri") is null)
                {
                    throw CmsFailure.BadParameter("uri");
                }
                if (table.Count >= max)
                {
                    throw CmsFailure.Refused("tooManyCdrReceivers");
                }
                var created = new CmsObject(CmsObject.NewId());
                created.Apply(changes);
                table.Add(created.Id, created);
                r.Audit($"created new CDR receiver {created.Id}");
                return CmsResult.Created("system/cdrReceivers", created.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != 3)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (!table.TryGetValue(r.Id(2), out var item))
        {
            throw CmsFailure.NotFound("cdrReceiverDoesNotExist");
        }
        switch (r.Method)
        {
            case "GET":
                return CmsResult.Xml(new XmlOut().Open("cdrReceiver", item.Id).Element("uri", item["uri"]).Close("cdrReceiver").ToString());
            case "PUT":
                item.Apply(Read(r));
                r.Audit($"modified CDR receiver {item.Id}");
                return CmsResult.Done;
            case "DELETE":
                table.Remove(item.Id);
                if (table.Count == 0)
                {
                    node.Alarms.Remove("cdrConnectionFailure");
                }
                r.Audit($"deleted CDR receiver {item.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    /// <summary>The changes, with <c>url</c> read as <c>uri</c> (<c>uri</c> wins when both are sent).
    /// A receiver's address must be an absolute http or https URL.</summary>
    private static Dictionary<string, string?> Read(CmsRequest r)
    {
        var changes = r.Read(Schemas.CdrReceiver);
        var named = "uri";
        if (changes.Remove("url", out var url) && !changes.ContainsKey("uri"))
        {
            changes["uri"] = url;
            named = "url";
        }
        if (changes.GetValueOrDefault("uri") is { } uri
            && (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            throw CmsFailure.BadParameter(named);
        }
        return changes;
    }
}
