namespace Convene.Ui.Live;

/// <summary>
/// Keeps a live page current: reads again (<c>read</c>, then <c>render</c> on the page's dispatcher) after each change
/// the <see cref="MeetingChangeNotifier"/> signals for its meeting (or any meeting), and every
/// <see cref="LiveViewOptions.RefreshInterval"/> of the application's clock for changes made elsewhere. Signals that come
/// while a read runs are merged into one more read, so a burst of saves costs at most two reads. Dispose with the page.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private readonly Func<Task> _read;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly Action<Exception> _failed;
    private readonly IDisposable _subscription;
    private readonly ITimer _timer;
    private int _pending;
    private int _running;
    private volatile bool _disposed;

    /// <param name="notifier">Where changes are signalled.</param>
    /// <param name="meetingId">The meeting followed; null for every meeting.</param>
    /// <param name="time">The application's clock, for the periodic read.</param>
    /// <param name="interval">The periodic read's interval.</param>
    /// <param name="read">Reads the page's data again and renders it; called on the page's dispatcher, one at a time.</param>
    /// <param name="dispatch">The page's <c>InvokeAsync</c>.</param>
    /// <param name="failed">Told of a read that threw (the page shows it; the next signal tries again).</param>
    public LiveRefresh(MeetingChangeNotifier notifier, Guid? meetingId, TimeProvider time, TimeSpan interval, Func<Task> read,
        Func<Func<Task>, Task> dispatch, Action<Exception> failed)
    {
        _read = read;
        _dispatch = dispatch;
        _failed = failed;
        _subscription = notifier.Subscribe(meetingId, Signal);
        _timer = time.CreateTimer(_ => Signal(), null, interval, interval);
    }

    /// <summary>How many reads were made (for diagnostics).</summary>
    public int Reads { get; private set; }

    /// <summary>Asks for a read; starts one unless one is running (which then reads once more).</summary>
    public void Signal()
    {
        if (_disposed)
        {
            return;
        }
        Interlocked.Exchange(ref _pending, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            while (!_disposed && Interlocked.Exchange(ref _pending, 0) == 1)
            {
                try
                {
                    await _dispatch(_read);
                    Reads++;
                }
                catch (Exception e) when (!_disposed)
                {
                    _failed(e);
                }
                catch (Exception)
                {
                    return; // the page is gone
                }
            }
            Interlocked.Exchange(ref _running, 0);
            // A signal between the last check and the release would otherwise wait for the next one.
            if (_disposed || Volatile.Read(ref _pending) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
        _timer.Dispose();
    }
}
