namespace Convene.Ui.Live;

/// <summary>
/// Tells the live pages of this process that meetings changed: <see cref="MeetingChangeInterceptor"/> publishes the ids
/// of the meetings whose rows (the meeting, its participants, its timeline, its call instances) a save committed, and
/// each open page, subscribed by meeting id (or to every meeting), reads them again. Changes made by another Convene
/// instance are not seen here: the pages also read again every <see cref="LiveViewOptions.RefreshInterval"/>.
/// </summary>
public sealed class MeetingChangeNotifier
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="changed"/> after each committed save touching meeting <paramref name="meetingId"/>
    /// (any meeting when null). The callback runs on the saving thread: it must only note the change and return.
    /// Dispose the result to stop.</summary>
    public IDisposable Subscribe(Guid? meetingId, Action changed)
    {
        var subscription = new Subscription(this, meetingId, changed);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Signals the subscribers of <paramref name="meetingIds"/> (and those of every meeting) once each.</summary>
    public void Publish(IReadOnlyCollection<Guid> meetingIds)
    {
        if (meetingIds.Count == 0)
        {
            return;
        }
        Subscription[] targets;
        lock (_gate)
        {
            targets = _subscriptions.Where(s => s.MeetingId is not { } id || meetingIds.Contains(id)).ToArray();
        }
        foreach (var target in targets)
        {
            target.Changed();
        }
    }

    /// <summary>How many pages listen now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(MeetingChangeNotifier owner, Guid? meetingId, Action changed) : IDisposable
    {
        public Guid? MeetingId => meetingId;

        public void Changed() => changed();

        public void Dispose() => owner.Remove(this);
    }
}
