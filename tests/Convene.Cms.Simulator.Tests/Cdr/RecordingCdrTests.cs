using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Cdr;

/// <summary><c>recordingStart/End</c> and <c>streamingStart/End</c> CDRs follow a call's <c>recording</c>
/// and <c>streaming</c> while a recorder answers.</summary>
public sealed class RecordingCdrTests
{
    [Fact]
    public async Task Cdr_RecordingSetThenCallDeleted_StartAndEndWithTheSameIdBeforeCallEnd()
    {
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room", "streamUrl=" + Uri.EscapeDataString("rtmp://streams.example.com/room")));

        await http.PutAsync($"/api/v1/calls/{call}", "recording=true&streaming=true");
        await http.PutAsync($"/api/v1/calls/{call}", "recording=true");   // already recording: no second start
        await http.DeleteAsync($"/api/v1/calls/{call}");

        var records = await receiver.RecordsAsync(6);
        Assert.Equal(["callStart", "recordingStart", "streamingStart", "recordingEnd", "streamingEnd", "callEnd"],
            records.Select(r => r.Record.Attribute("type")?.Value));
        var recording = records[1].Record.Element("recording")!;
        Assert.Equal(call, recording.Value("call"));
        Assert.StartsWith("recordings/", recording.Value("path"), StringComparison.Ordinal);
        Assert.Equal(recording.Attribute("id")?.Value, records[3].Record.Element("recording")?.Attribute("id")?.Value);
        Assert.Equal("rtmp://streams.example.com/room", records[2].Record.Element("streaming")?.Value("streamUrl"));
        Assert.Equal(records[2].Record.Element("streaming")?.Attribute("id")?.Value, records[4].Record.Element("streaming")?.Attribute("id")?.Value);
    }

    [Fact]
    public async Task Cdr_RecordingClearedAndSetAgain_TwoRecordingsWithDifferentIds()
    {
        await using var receiver = await CdrReceiver.StartAsync();
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(receiver.Url.ToString())}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("room"));

        await http.PutAsync($"/api/v1/calls/{call}", "recording=true");
        await http.PutAsync($"/api/v1/calls/{call}", "recording=false");
        await http.PutAsync($"/api/v1/calls/{call}", "recording=true");

        var records = await receiver.RecordsAsync(4);
        Assert.Equal(["callStart", "recordingStart", "recordingEnd", "recordingStart"], records.Select(r => r.Record.Attribute("type")?.Value));
        Assert.NotEqual(records[1].Record.Element("recording")?.Attribute("id")?.Value, records[3].Record.Element("recording")?.Attribute("id")?.Value);
    }
}
