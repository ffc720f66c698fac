using System.Collections.Concurrent;
using Convene.Cms;

namespace Convene.Bridges;

/// <summary>
/// The latest CMS API requests this Convene process made to each bridge, whatever made them (adding it, provisioning,
/// status polls, live polling, meetings): the last <see cref="Capacity"/> per bridge, newest first, in memory only (a
/// meeting's own requests are also kept for good in its timeline). Form bodies arrive masked by the client
/// (<c>passcode=*****</c>); credentials are never part of a record.
/// </summary>
public sealed class BridgeRequestLog
{
    /// <summary>Requests kept per bridge; older ones are dropped.</summary>
    public const int Capacity = 500;

    private readonly ConcurrentDictionary<Guid, Ring> _bridges = new();

    /// <summary>Keeps <paramref name="record"/> as the newest request of <paramref name="bridgeId"/>.</summary>
    public void Add(Guid bridgeId, CmsRequestRecord record) => _bridges.GetOrAdd(bridgeId, _ => new Ring()).Add(record);

    /// <summary>The bridge's kept requests, newest first; empty for a bridge nothing was sent to since the start.</summary>
    public IReadOnlyList<CmsRequestRecord> Latest(Guid bridgeId) => _bridges.TryGetValue(bridgeId, out var ring) ? ring.Newest() : [];

    /// <summary>Forgets a removed bridge's requests.</summary>
    public void Forget(Guid bridgeId) => _bridges.TryRemove(bridgeId, out _);

    private sealed class Ring
    {
        private readonly Lock _gate = new();
        private readonly CmsRequestRecord[] _items = new CmsRequestRecord[Capacity];
        private int _next;
        private int _count;

        public void Add(CmsRequestRecord record)
        {
            lock (_gate)
            {
                _items[_next] = record;
                _next = (_next + 1) % Capacity;
                _count = Math.Min(_count + 1, Capacity);
            }
        }

        public List<CmsRequestRecord> Newest()
        {
            lock (_gate)
            {
                var newest = new List<CmsRequestRecord>(_count);
                for (var i = 1; i <= _count; i++)
                {
                    newest.Add(_items[(_next - i + Capacity) % Capacity]);
                }
                return newest;
            }
        }
    }
}
