using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>
/// Writes a CMS collection: <c>&lt;plural total="N"&gt;</c> with one page of <c>&lt;singular id=…&gt;</c>
/// children. <c>total</c> counts every match across pages; the page is cut to the server's own
/// maximum whatever <c>limit</c> asks for; an offset past the end gives an empty page.
/// </summary>
internal static class Listing
{
    public static CmsResult Write<T>(CmsRequest r, string plural, string singular, IReadOnlyList<T> items,
        Func<T, string> id, Action<XmlOut, T> children)
    {
        var maxPage = r.Cluster.Options.MaxPageSize;
        var offset = r.Query.GetInt("offset", 0) ?? 0;
        var limit = Math.Min(r.Query.GetInt("limit", 0) ?? maxPage, maxPage);
        var xml = new XmlOut().OpenList(plural, items.Count);
        for (var i = offset; i < items.Count && i < (long)offset + limit; i++)
        {
            var item = items[i];
            xml.Open(singular, id(item));
            children(xml, item);
            xml.Close(singular);
        }
        return CmsResult.Xml(xml.Close(plural).ToString());
    }

    /// <summary>Case-insensitive substring match, as CMS's <c>filter</c> parameter.</summary>
    public static bool Matches(string? filter, params ReadOnlySpan<string?> values)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return true;
        }
        foreach (var value in values)
        {
            if (value is not null && value.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
