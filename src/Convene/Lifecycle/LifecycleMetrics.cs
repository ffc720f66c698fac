using System.Diagnostics.Metrics;

namespace Convene.Lifecycle;

/// <summary>The lifecycle's OpenTelemetry-style instruments (meter <c>Convene.Lifecycle</c>).</summary>
public sealed class LifecycleMetrics
{
    public const string MeterName = "Convene.Lifecycle";

    private readonly Counter<long> _started;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _dialOuts;
    private readonly Histogram<int> _requests;

    public LifecycleMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("convene.meetings.started", description: "Meetings started on a bridge");
        _lateness = meter.CreateHistogram<double>("convene.meetings.start_lateness", "s", "How long after its open time a meeting's call existed");
        _dialOuts = meter.CreateCounter<long>("convene.meetings.dial_outs", description: "Dial-outs sent, by outcome (dialled, failed, recovered)");
        _requests = meter.CreateHistogram<int>("convene.meetings.cms_requests", description: "CMS requests one transition sent, by transition");
    }

    public void Started(TimeSpan lateness)
    {
        _started.Add(1);
        _lateness.Record(Math.Max(0, lateness.TotalSeconds));
    }

    public void DialOut(string outcome) => _dialOuts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Requests(string transition, int count) => _requests.Record(count, new KeyValuePair<string, object?>("transition", transition));
}
