namespace Convene.Cms;

/// <summary>CMS object ids are GUIDs; one is checked before it goes into a path or a body.</summary>
internal static class CmsIds
{
    public static string Check(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        return Guid.TryParse(id, out var guid)
            ? guid.ToString("D")
            : throw new ArgumentException($"'{id}' is not a CMS object id (a GUID).", name);
    }
}
