using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary><c>cospaceBulkParameterSets[/id]</c> and <c>cospaceBulkSyncs[/id]</c> (CMS 2.0+).</summary>
internal static class BulkApi
{
    private static readonly string[] Mappings = ["coSpaceUriMapping", "coSpaceNameMapping", "coSpaceCallIdMapping"];

    public static CmsResult HandleSets(CmsRequest r)
    {
        var table = r.Db.BulkSets;
        if (r.Segments.Length == 1)
        {
            if (r.IsGet)
            {
                return Listing.Write(r, "cospaceBulkParameterSets", "cospaceBulkParameterSet", table.Values.ToList(), s => s.Id,
                    (xml, s) => s.WriteValues(xml, Schemas.BulkParameterSet));
            }
            if (r.IsPost)
            {
                var changes = ReadSet(r);
                if (!changes.ContainsKey("startIndex") || !changes.ContainsKey("endIndex"))
                {
                    throw CmsFailure.BadParameter(changes.ContainsKey("startIndex") ? "endIndex" : "startIndex");
                }
                var set = new CmsObject(CmsObject.NewId());
                set.Apply(changes);
                set.Values.TryAdd("nonMemberAccess", "true");
                table.Add(set.Id, set);
                r.Audit($"created new object type 29 {set.Id}");
                return CmsResult.Created("cospaceBulkParameterSets", set.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (!table.TryGetValue(r.Id(1), out var existing))
        {
            throw CmsFailure.NotFound("coSpaceBulkParameterSetDoesNotExist");
        }
        switch (r.Method)
        {
            case "GET":
                var xml = new XmlOut().Open("cospaceBulkParameterSet", existing.Id);
                existing.WriteValues(xml, Schemas.BulkParameterSet);
                return CmsResult.Xml(xml.Close("cospaceBulkParameterSet").ToString());
            case "PUT":
                existing.Apply(ReadSet(r));
                r.Audit($"modified object type 29 {existing.Id}");
                return CmsResult.Done;
            case "DELETE":
                table.Remove(existing.Id);
                r.Audit($"deleted object type 29 {existing.Id}");
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    public static CmsResult HandleSyncs(CmsRequest r)
    {
        var table = r.Db.BulkSyncs;
        if (r.Segments.Length == 1)
        {
            if (r.IsGet)
            {
                return Listing.Write(r, "cospaceBulkSyncs", "cospaceBulkSync", table.Values.ToList(), s => s.Id, WriteSync);
            }
            if (r.IsPost)
            {
                var setId = r.Form.GetNonEmpty("cospaceBulkParameterSet")?.Trim().ToLowerInvariant()
                    ?? throw CmsFailure.BadParameter("cospaceBulkParameterSet");
                var sync = new BulkSync(CmsObject.NewId(), setId, r.Form.GetBool("removeAll") ?? false);
                table.Add(sync.Id, sync);
                r.Audit($"created new object type 30 {sync.Id}");
                BulkSyncRunner.Queue(r.Cluster, sync);
                return CmsResult.Created("cospaceBulkSyncs", sync.Id);
            }
            throw CmsFailure.InvalidOperation();
        }
        if (r.Segments.Length != 2)
        {
            throw CmsFailure.UnrecognizedObject();
        }
        if (!table.TryGetValue(r.Id(1), out var existing))
        {
            throw CmsFailure.NotFound("coSpaceBulkSyncDoesNotExist");
        }
        switch (r.Method)
        {
            case "GET":
                var xml = new XmlOut().Open("cospaceBulkSync", existing.Id);
                WriteSync(xml, existing);
                return CmsResult.Xml(xml.Close("cospaceBulkSync").ToString());
            case "DELETE" when existing.IsTerminal:
                table.Remove(existing.Id);
                return CmsResult.Done;
            default:
                throw CmsFailure.InvalidOperation();
        }
    }

    /// <summary>The seed's sync answer is 210 bytes: set and status only, so <c>removeAll</c> is written
    /// only when it was asked for.</summary>
    private static void WriteSync(XmlOut xml, BulkSync sync) => xml
        .Element("cospaceBulkParameterSet", sync.SetId)
        .Element("status", sync.Status)
        .Element("removeAll", sync.RemoveAll ? "true" : null);

    /// <summary>Reads a parameter set; a mapping sent empty is kept as empty text (not unset), which
    /// is what TMS sends for URI and call ID.</summary>
    private static Dictionary<string, string?> ReadSet(CmsRequest r)
    {
        var changes = r.Read(Schemas.BulkParameterSet);
        foreach (var mapping in Mappings)
        {
            if (changes.TryGetValue(mapping, out var value))
            {
                if (value is null && r.IsPost)
                {
                    changes[mapping] = "";
                }
                else if (value is not null)
                {
                    BulkMapping.Validate(mapping, value);
                }
            }
        }
        return changes;
    }
}
