using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Data;

/// <summary>
/// The cluster's shared database: what every Call Bridge of a CMS cluster reads and writes alike
/// (spaces, access methods, profiles, tenants, bulk parameter sets and syncs, the callBridges table).
/// Callers hold the cluster lock.
/// </summary>
internal sealed class ClusterDatabase
{
    private readonly Dictionary<string, Space> _spaces = new(StringComparer.Ordinal);
    private readonly KeyIndex _uris = new(StringComparer.OrdinalIgnoreCase);
    private readonly KeyIndex _callIds = new(StringComparer.Ordinal);
    private Space[]? _sorted;

    public OrderedDictionary<string, CmsObject> CallProfiles { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> CallLegProfiles { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> Tenants { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> CallBrandingProfiles { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> IvrBrandingProfiles { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> DtmfProfiles { get; } = new(StringComparer.Ordinal);

    /// <summary><c>system/profiles</c>: the global profiles every call and leg inherits from.</summary>
    public CmsObject SystemProfiles { get; } = new("profiles");

    public OrderedDictionary<string, CmsObject> CallBridges { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> BulkSets { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> CallBridgeGroups { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> OutboundDialPlanRules { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, CmsObject> DialTransforms { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, BulkSync> BulkSyncs { get; } = new(StringComparer.Ordinal);

    public int SpaceCount => _spaces.Count;

    public Space? FindSpace(string id) => _spaces.GetValueOrDefault(id);

    public Space? SpaceByUri(string uri) => _uris.Owner(uri) is { } owner ? _spaces[owner] : null;

    public Space? SpaceByCallId(string callId) => _callIds.Owner(callId) is { } owner ? _spaces[owner] : null;

    public bool UriTaken(string uri, string exceptSpace) => _uris.ConflictsWith(uri, exceptSpace);

    public bool CallIdTaken(string callId, string exceptSpace) => _callIds.ConflictsWith(callId, exceptSpace);

    /// <summary>Spaces in the order CMS lists them: by name, then id (the seed's space list is in name order).</summary>
    public IReadOnlyList<Space> SortedSpaces()
    {
        if (_sorted is null)
        {
            var all = _spaces.Values.ToArray();
            Array.Sort(all, static (a, b) =>
            {
                var byName = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
                return byName != 0 ? byName : string.CompareOrdinal(a.Id, b.Id);
            });
            _sorted = all;
        }
        return _sorted;
    }

    public void AddSpace(Space space)
    {
        _spaces.Add(space.Id, space);
        Index(space);
        _sorted = null;
    }

    public void RemoveSpace(Space space)
    {
        Unindex(space);
        _spaces.Remove(space.Id);
        _sorted = null;
    }

    /// <summary>Runs <paramref name="change"/> on a space with its keys taken out of the indexes, so a
    /// change of URI, call ID or name is reflected everywhere.</summary>
    public void Update(Space space, Action change)
    {
        Unindex(space);
        try
        {
            change();
        }
        finally
        {
            Index(space);
            _sorted = null;
        }
    }

    public IEnumerable<Space> SpacesOfBulkSet(string setId) => _spaces.Values.Where(s => s.BulkSetId == setId);

    public bool Exists(string table, string id) => table switch
    {
        Tables.Spaces => _spaces.ContainsKey(id),
        Tables.CallProfiles => CallProfiles.ContainsKey(id),
        Tables.CallLegProfiles => CallLegProfiles.ContainsKey(id),
        Tables.Tenants => Tenants.ContainsKey(id),
        Tables.CallBridges => CallBridges.ContainsKey(id),
        Tables.CallBridgeGroups => CallBridgeGroups.ContainsKey(id),
        Tables.CallBrandingProfiles => CallBrandingProfiles.ContainsKey(id),
        Tables.IvrBrandingProfiles => IvrBrandingProfiles.ContainsKey(id),
        Tables.DtmfProfiles => DtmfProfiles.ContainsKey(id),
        _ => false,
    };

    /// <summary>True when a profile is referenced by the global profiles, a tenant, a space, an access
    /// method or a bulk parameter set (what <c>usageFilter</c> asks). Ids are GUIDs, unique across tables.</summary>
    public bool IsReferenced(string id)
    {
        static bool Names(CmsObject o, string id) =>
            o["callProfile"] == id || o["callLegProfile"] == id || o["callBrandingProfile"] == id
            || o["ivrBrandingProfile"] == id || o["dtmfProfile"] == id;

        return Names(SystemProfiles, id)
            || Tenants.Values.Any(t => Names(t, id))
            || BulkSets.Values.Any(s => Names(s, id))
            || _spaces.Values.Any(s => Names(s, id) || s.AccessMethods.Any(m => Names(m, id)));
    }

    private void Index(Space space)
    {
        foreach (var uri in space.UriKeys())
        {
            _uris.Add(uri, space.Id);
        }
        foreach (var callId in space.CallIdKeys())
        {
            _callIds.Add(callId, space.Id);
        }
    }

    private void Unindex(Space space)
    {
        foreach (var uri in space.UriKeys())
        {
            _uris.Remove(uri, space.Id);
        }
        foreach (var callId in space.CallIdKeys())
        {
            _callIds.Remove(callId, space.Id);
        }
    }
}
