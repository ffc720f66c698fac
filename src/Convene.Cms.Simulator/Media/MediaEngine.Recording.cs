using System.Globalization;
using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// The recording and streaming records of the CDR stream (CMS CDR guide, <c>recordingStart</c>,
/// <c>recordingEnd</c>, <c>streamingStart</c>, <c>streamingEnd</c>): a recording starts when a call's
/// <c>recording</c> is set and a recorder answers (<see cref="CmsSimulatorOptions.RecordersAvailable"/>),
/// and ends when it is cleared or the call ends; streaming likewise.
/// </summary>
internal sealed partial class MediaEngine
{
    /// <summary>Starts or stops the call's recording and stream to match its <c>recording</c> and
    /// <c>streaming</c> values; called under the cluster lock after every change of the call.</summary>
    public void FollowRecorders(SimCall call)
    {
        var now = cluster.Time.GetUtcNow();
        var available = cluster.Options.RecordersAvailable;
        if (available && call.IsTrue("recording") && call.RecordingId is null)
        {
            var id = CmsObject.NewId();
            call.RecordingId = id;
            // The path is the simulator's choice: the recorder's folder for the call, then the start time.
            var path = string.Create(CultureInfo.InvariantCulture, $"recordings/{call.SpaceId ?? call.Id}/{now.UtcDateTime:yyyyMMddHHmmss}.mp4");
            call.Node.Cdr.Record(now, "recordingStart", xml => xml.Open("recording", id)
                .Element("path", path)
                .Element("call", call.Id)
                .Close("recording"));
        }
        else if (!call.IsTrue("recording") && call.RecordingId is not null)
        {
            EndRecording(call, now);
        }
        if (available && call.IsTrue("streaming") && call.StreamingId is null)
        {
            var id = CmsObject.NewId();
            call.StreamingId = id;
            var url = call.SpaceId is null ? null : cluster.Database.FindSpace(call.SpaceId)?["streamUrl"];
            call.Node.Cdr.Record(now, "streamingStart", xml => xml.Open("streaming", id)
                .Element("streamUrl", url)
                .Element("call", call.Id)
                .Close("streaming"));
        }
        else if (!call.IsTrue("streaming") && call.StreamingId is not null)
        {
            EndStreaming(call, now);
        }
    }

    /// <summary>Ends the call's recording and stream, if any; the call is ending.</summary>
    private static void StopRecorders(SimCall call, DateTimeOffset now)
    {
        if (call.RecordingId is not null)
        {
            EndRecording(call, now);
        }
        if (call.StreamingId is not null)
        {
            EndStreaming(call, now);
        }
    }

    private static void EndRecording(SimCall call, DateTimeOffset now)
    {
        var id = call.RecordingId!;
        call.RecordingId = null;
        call.Node.Cdr.Record(now, "recordingEnd", xml => xml.Open("recording", id).Close("recording"));
    }

    private static void EndStreaming(SimCall call, DateTimeOffset now)
    {
        var id = call.StreamingId!;
        call.StreamingId = null;
        call.Node.Cdr.Record(now, "streamingEnd", xml => xml.Open("streaming", id).Close("streaming"));
    }
}
