using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that tells the test when code under test starts waiting
/// (a retry delay, a poll interval), so the test advances the clock only once the wait has begun.</summary>
public sealed class ObservedTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = fake;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Completes when a timer due within <paramref name="atMost"/> has been created.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan atMost)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(cancel.Token);
            // Timers made with an infinite due time (-1 ms) and changed later are not waits.
            if (due > TimeSpan.Zero && due <= atMost)
            {
                return due;
            }
        }
    }

    /// <summary>Completes when a timer due in exactly <paramref name="due"/> has been created: a wait of the code under
    /// test that the test knows by its length (a simulated node's latency, a held answer), among other timers.</summary>
    public async Task WaitForTimerOfAsync(TimeSpan due)
    {
        while (await WaitForTimerAsync(due) != due)
        {
        }
    }
}
