namespace Convene.Cms.Tests.Cdr;

/// <summary>CDR batches shaped like the ones a CMS POSTs (CDR guide §6), written for these tests.</summary>
internal static class CdrBatches
{
    public const string Session = "5d1f0f0e-7a43-4c6e-9a2b-0c8e6c1f2a10";
    public const string CallBridge = "e3b7d2a4-1c5f-4f0e-8d6a-2b9c7e4f1a03";
    public const string CallId = "8a5c2e71-43d9-4b1e-a6f0-9d2c7b3e5f14";
    public const string LegId = "c41e9b20-7f6d-4a3c-8e15-6b0d2f9a7c38";

    public static string Batch(params string[] records) =>
        $"""<?xml version="1.0"?>""" + "\n" +
        $"""<records session="{Session}" callBridge="{CallBridge}">{string.Concat(records)}</records>""";

    public static string Record(string type, long recordIndex, long correlatorIndex, string body, string time = "2026-11-29T09:30:05Z") =>
        $"""<record type="{type}" time="{time}" recordIndex="{recordIndex}" correlatorIndex="{correlatorIndex}">{body}</record>""";

    /// <summary>A batch of one record of <paramref name="type"/> with <paramref name="body"/>.</summary>
    public static string One(string type, string body) => Batch(Record(type, 12, 40, body));

    /// <summary>The single record of a batch that must have parsed cleanly.</summary>
    public static T Single<T>(string xml) where T : Convene.Cms.Cdr.CmsCdrRecord
    {
        var batch = Convene.Cms.Cdr.CmsCdrParser.Default.Parse(xml);
        Assert.Empty(batch.Malformed);
        return Assert.IsType<T>(Assert.Single(batch.Records));
    }
}
