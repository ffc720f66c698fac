using Microsoft.Extensions.Options;

namespace Convene.Placeholders;

/// <summary>
/// Which placeholders the drift check reads in full next, per bridge: it goes round the pool
/// <see cref="PlaceholderOptions.DriftDetailsPerCheck"/> at a time, so every placeholder is read within pool size ÷ budget
/// checks. Where the round stands follows from the clock, not from memory: the check interval in progress,
/// k = ⌊time since the Unix epoch ÷ <see cref="PlaceholderOptions.DriftCheckInterval"/>⌋, starts at position
/// (k × budget) mod pool size of the bridge's placeholders ordered by numeric ID. Every instance and every restart
/// therefore agrees on it with nothing to store or share (the periodic job runs once per interval on one instance of
/// the cluster), and a check after a restart carries on round the pool instead of starting over at the lowest numeric
/// ID; a check run twice within one interval reads the same placeholders.
/// </summary>
public sealed class PlaceholderDriftCursor(TimeProvider time, IOptions<PlaceholderOptions> options)
{
    /// <summary>Up to <paramref name="take"/> of <paramref name="eligible"/> from this interval's position in
    /// <paramref name="pool"/> on, wrapping round.</summary>
    /// <param name="pool">Every placeholder of the bridge, ordered by numeric ID: the positions of the round.</param>
    /// <param name="eligible">Those that may be read now (idle, listed), ordered by numeric ID.</param>
    /// <param name="take">How many to read.</param>
    public List<Placeholder> Next(IReadOnlyList<Placeholder> pool, IReadOnlyList<Placeholder> eligible, int take)
    {
        if (take <= 0 || pool.Count == 0 || eligible.Count == 0)
        {
            return [];
        }
        var o = options.Value;
        var interval = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / o.DriftCheckInterval.Ticks;
        var count = pool.Count;
        var position = (int)(interval % count * (Math.Max(1, o.DriftDetailsPerCheck) % count) % count);
        var from = pool[position].NumericId;
        return eligible.Where(p => p.NumericId >= from).Concat(eligible.Where(p => p.NumericId < from)).Take(take).ToList();
    }
}
