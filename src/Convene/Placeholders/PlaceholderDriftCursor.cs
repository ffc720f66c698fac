using System.Collections.Concurrent;

namespace Convene.Placeholders;

/// <summary>Which placeholders the drift check reads in full next, per bridge: it goes round the pool a
/// budget at a time, so every placeholder is read within pool size ÷ budget checks. Kept in memory; after a
/// restart the round begins again.</summary>
public sealed class PlaceholderDriftCursor
{
    private readonly ConcurrentDictionary<Guid, long> _last = new();

    /// <summary>Up to <paramref name="take"/> placeholders after the last one given for this bridge, wrapping
    /// round; <paramref name="pool"/> is ordered by numeric ID.</summary>
    public List<Placeholder> Next(Guid bridgeId, IReadOnlyList<Placeholder> pool, int take)
    {
        if (take <= 0 || pool.Count == 0)
        {
            return [];
        }
        var last = _last.GetValueOrDefault(bridgeId, long.MinValue);
        var next = pool.Where(p => p.NumericId > last).Concat(pool.Where(p => p.NumericId <= last)).Take(take).ToList();
        _last[bridgeId] = next[^1].NumericId;
        return next;
    }
}
