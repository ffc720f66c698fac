using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Quartz;

namespace Convene.Tests;

/// <summary>
/// Awaits what another component of Convene does, without sleeping: a condition is read again each time one of the
/// watched instances records a measurement on a <c>Convene.*</c> meter (<c>Convene.Live</c>, <c>Convene.Lifecycle</c>),
/// its Quartz scheduler schedules or removes a trigger or finishes a job (and again once the job's end is in Quartz's
/// store: <see cref="JobRuns"/>), or a timer is made on its clock (a wait begins: a request sent, an answer the simulator
/// holds back on that clock). The bound only stops a hang: when it
/// passes first the test fails naming what never happened and the last value read.
/// </summary>
public sealed class ConveneEvents : IAsyncDisposable
{
    /// <summary>How long a wait may take before the test fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly MeterListener _meters = new();
    private readonly List<(IScheduler Scheduler, string Name)> _listeners = [];
    private readonly List<TestClock> _clocks = [];
    private readonly List<JobRuns> _jobs = [];
    private readonly string _name = $"test-events-{Guid.NewGuid():N}";

    private ConveneEvents()
    {
    }

    /// <summary>Starts listening to <paramref name="convenes"/>; what happens from now on wakes a wait.</summary>
    public static async Task<ConveneEvents> ListenAsync(params ConveneFactory[] convenes)
    {
        var events = new ConveneEvents();
        var factories = convenes.Select(c => c.Services.GetRequiredService<IMeterFactory>()).ToHashSet();
        events._meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope is IMeterFactory factory && factories.Contains(factory) && instrument.Meter.Name.StartsWith("Convene.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        events._meters.SetMeasurementEventCallback<long>((_, _, _, _) => events.Pulse());
        events._meters.SetMeasurementEventCallback<int>((_, _, _, _) => events.Pulse());
        events._meters.SetMeasurementEventCallback<double>((_, _, _, _) => events.Pulse());
        events._meters.Start();
        foreach (var convene in convenes)
        {
            convene.Clock.TimerMade += events.Pulse;
            events._clocks.Add(convene.Clock);
            convene.Jobs.Finished += events.Pulse;
            events._jobs.Add(convene.Jobs);
            if (convene.Services.GetService<ISchedulerFactory>() is { } schedulers)
            {
                var scheduler = await schedulers.GetScheduler(TestContext.Current.CancellationToken);
                var listener = new QuartzListener(events._name, events.Pulse);
                scheduler.ListenerManager.AddSchedulerListener(listener);
                scheduler.ListenerManager.AddJobListener(listener, [GroupMatcher<JobKey>.AnyGroup()]);
                events._listeners.Add((scheduler, events._name));
            }
        }
        return events;
    }

    /// <summary>Listens to <paramref name="convene"/> only as long as it takes <paramref name="read"/> to give a value
    /// that <paramref name="holds"/>.</summary>
    public static async Task<T> UntilAsync<T>(ConveneFactory convene, Func<Task<T>> read, Func<T, bool> holds, string what)
    {
        await using var events = await ListenAsync(convene);
        return await events.UntilAsync(read, holds, what);
    }

    /// <summary>Reads now and after every event until the value holds; fails when <see cref="Bound"/> passes first.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        while (true)
        {
            _pulses.Reader.TryRead(out _); // what happened before this read is seen by it
            var value = await read();
            if (holds(value))
            {
                return value;
            }
            try
            {
                await _pulses.Reader.ReadAsync(bound.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Never saw {what} within {Bound.TotalSeconds:0} s; the last value read was {value}.");
            }
        }
    }

    private void Pulse() => _pulses.Writer.TryWrite(true);

    public ValueTask DisposeAsync()
    {
        _meters.Dispose();
        foreach (var clock in _clocks)
        {
            clock.TimerMade -= Pulse;
        }
        foreach (var jobs in _jobs)
        {
            jobs.Finished -= Pulse;
        }
        foreach (var (scheduler, name) in _listeners)
        {
            scheduler.ListenerManager.RemoveSchedulerListener(name);
            scheduler.ListenerManager.RemoveJobListener(name);
        }
        return ValueTask.CompletedTask;
    }
}
