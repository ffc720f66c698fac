using System.Diagnostics.Metrics;

namespace Convene.Live;

/// <summary>The live-state meter <c>Convene.Live</c> (OpenTelemetry-style names): dial-outs by outcome, CDR batches
/// received and refused.</summary>
public sealed class LiveMetrics : IDisposable
{
    public const string MeterName = "Convene.Live";

    private readonly Meter _meter;
    private readonly Counter<long> _dialOuts;
    private readonly Counter<long> _cdrBatches;
    private readonly Counter<long> _cdrRecords;

    public LiveMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _dialOuts = _meter.CreateCounter<long>("convene.live.dial_outs", "{dial-out}", "Dial-outs by outcome (dialled, connected, failed, retried, gave_up)");
        _cdrBatches = _meter.CreateCounter<long>("convene.live.cdr_batches", "{batch}", "CDR batches by outcome (accepted, refused) and reason");
        _cdrRecords = _meter.CreateCounter<long>("convene.live.cdr_records", "{record}", "CDR records processed, and resent ones dropped");
    }

    /// <summary>Counts a dial-out event: <c>dialled</c>, <c>connected</c>, <c>failed</c>, <c>retried</c>, <c>gave_up</c>.</summary>
    public void DialOut(string outcome) => _dialOuts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts a CDR post: <c>accepted</c>, or <c>refused</c> with its reason.</summary>
    public void CdrBatch(string outcome, string? reason = null) =>
        _cdrBatches.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));

    public void CdrRecords(long processed, long duplicates)
    {
        _cdrRecords.Add(processed, new KeyValuePair<string, object?>("outcome", "processed"));
        _cdrRecords.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
    }

    public void Dispose() => _meter.Dispose();
}
