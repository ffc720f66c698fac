using Microsoft.Extensions.Time.Testing;

namespace Convene.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that also tells when a timer is made, so a test can move time
/// on exactly when the service waits (a bulk sync poll) instead of sleeping.</summary>
public sealed class TestClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
{
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan Due, TaskCompletionSource Made)> _waiters = [];
    private readonly Dictionary<TimeSpan, int> _made = [];

    /// <summary>Raised after each timer is made: something on this clock began to wait.</summary>
    public event Action? TimerMade;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TimerMade?.Invoke();
        lock (_gate)
        {
            _made[dueTime] = _made.GetValueOrDefault(dueTime) + 1;
            foreach (var waiter in _waiters.Where(w => w.Due == dueTime).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Made.TrySetResult();
            }
        }
        return timer;
    }

    /// <summary>How many timers with this due time were made so far.</summary>
    public int Made(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _made.GetValueOrDefault(dueTime);
        }
    }

    /// <summary>Completes once more than <paramref name="seen"/> timers with this due time were made.</summary>
    public Task WhenMadeAsync(TimeSpan dueTime, int seen)
    {
        lock (_gate)
        {
            if (_made.GetValueOrDefault(dueTime) > seen)
            {
                return Task.CompletedTask;
            }
            var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, made));
            return made.Task;
        }
    }

    /// <summary>Waits for <paramref name="done"/>, moving time on by <paramref name="step"/> each time the
    /// service starts a wait of that length; with <paramref name="since"/> (a <see cref="Made"/> count read before the
    /// work began), also once for each such wait started since then.</summary>
    public async Task RunUntilAsync(Task done, TimeSpan step, int? since = null)
    {
        var seen = since ?? Made(step);
        while (!done.IsCompleted)
        {
            var next = WhenMadeAsync(step, seen);
            await Task.WhenAny(done, next);
            if (next.IsCompleted)
            {
                seen++;
                Advance(step);
            }
        }
        await done;
    }
}
