namespace Convene.Cms.Simulator.Data;

/// <summary>
/// Runs a bulk sync in the background: <c>pending</c>, <c>running</c>, then <c>complete</c> or a
/// <c>failed…</c> status. The whole change is one transaction: on failure no space changes. A
/// re-sync removes the spaces made from the set before and makes them anew from the current mappings.
/// </summary>
internal static class BulkSyncRunner
{
    public static void Queue(SimCluster cluster, BulkSync sync)
    {
        cluster.Schedule(cluster.Options.BulkSyncPendingTime, () =>
        {
            sync.Status = "running";
            cluster.Schedule(cluster.Options.BulkSyncRunningTime, () =>
            {
                sync.Status = Run(cluster, sync);
                cluster.BulkSyncFinished(sync);
            });
        });
    }

    private static string Run(SimCluster cluster, BulkSync sync)
    {
        var db = cluster.Database;
        if (!db.BulkSets.TryGetValue(sync.SetId, out var set))
        {
            return "failedNoSuchParameterSet";
        }
        var old = db.SpacesOfBulkSet(set.Id).ToList();
        if (sync.RemoveAll)
        {
            Remove(cluster, old);
            return "complete";
        }
        var start = int.Parse(set["startIndex"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var end = int.Parse(set["endIndex"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (start > end)
        {
            return "failedIndexRangeInvalid";
        }
        if ((long)end - start + 1 > cluster.Options.MaxBulkRange)
        {
            return "failedIndexRangeTooGreat";
        }
        var fresh = Build(cluster, set, start, end, old.Select(s => s.Id).ToHashSet(), out var failure);
        if (failure is not null)
        {
            return failure;
        }
        Remove(cluster, old);
        foreach (var space in fresh)
        {
            db.AddSpace(space);
        }
        return "complete";
    }

    private static List<Space> Build(SimCluster cluster, CmsObject set, int start, int end, HashSet<string> replaced, out string? failure)
    {
        var db = cluster.Database;
        var append = cluster.Options.AppendIndexWhenMappingHasNoPlaceholder;
        var uriMap = Mapping(set, "coSpaceUriMapping");
        var nameMap = Mapping(set, "coSpaceNameMapping");
        var callIdMap = Mapping(set, "coSpaceCallIdMapping");
        var uris = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        var spaces = new List<Space>(end - start + 1);
        failure = null;
        // Counted in long: with endIndex at int.MaxValue an int index would wrap and never end.
        for (long next = start; next <= end; next++)
        {
            var index = (int)next;
            var space = new Space(CmsObject.NewId()) { BulkSetId = set.Id };
            var values = space.Values;
            if (uriMap?.Expand(index, append) is { } uri)
            {
                if (!uris.Add(uri) || (db.SpaceByUri(uri) is { } owner && !replaced.Contains(owner.Id)))
                {
                    failure = "failedCoSpaceUriConflict";
                    return spaces;
                }
                values["uri"] = uri.ToLowerInvariant();
            }
            if (callIdMap?.Expand(index, append) is { } callId)
            {
                if (!callIds.Add(callId) || (db.SpaceByCallId(callId) is { } owner && !replaced.Contains(owner.Id)))
                {
                    failure = "failedCallIdConflict";
                    return spaces;
                }
                values["callId"] = callId;
                values["secret"] = SimCluster.NewSecret();
            }
            if (nameMap?.Expand(index, append) is { } name)
            {
                values["name"] = name;
            }
            foreach (var key in (ReadOnlySpan<string>)["tenant", "callProfile", "callLegProfile", "callBrandingProfile", "nonMemberAccess"])
            {
                if (set[key] is { } value)
                {
                    values[key] = value;
                }
            }
            spaces.Add(space);
        }
        return spaces;
    }

    private static BulkMapping? Mapping(CmsObject set, string name) =>
        set[name] is { } text ? BulkMapping.Parse(name, text) : null;

    private static void Remove(SimCluster cluster, List<Space> spaces)
    {
        foreach (var space in spaces)
        {
            cluster.Media.EndCallsOfSpace(space.Id, "callEnded");
            cluster.Database.RemoveSpace(space);
        }
    }
}
