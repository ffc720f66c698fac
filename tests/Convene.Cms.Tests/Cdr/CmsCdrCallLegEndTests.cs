using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrCallLegEndTests
{
    private const string FullEnd = $"""
        <callLeg id="{LegId}">
          <reason>remoteTeardown</reason>
          <remoteTeardown>true</remoteTeardown>
          <durationSeconds>1834</durationSeconds>
          <activatedDuration>1790</activatedDuration>
          <cdrTag>dial-out 17</cdrTag>
          <groupId>b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d</groupId>
          <ownerName>Ada Lovelace</ownerName>
          <mediaUsagePercentages>
            <mainVideoViewer>100.0</mainVideoViewer>
            <mainVideoContributor>87.5</mainVideoContributor>
            <presentationViewer>12.25</presentationViewer>
            <presentationContributor>0.0</presentationContributor>
            <multistreamVideo>50.0</multistreamVideo>
          </mediaUsagePercentages>
          <alarm type="packetLoss" durationPercentage="6.7"/>
          <alarm type="excessiveJitter" durationPercentage="1.2"/>
          <alarm type="highRoundTripTime" durationPercentage="0.4"/>
          <encryptedMedia>true</encryptedMedia>
          <unencryptedMedia>false</unencryptedMedia>
          <rxAudio>
            <codec>opus</codec>
            <packetStatistics>
              <packetLossBursts><duration>0.251</duration><density>3.50</density></packetLossBursts>
              <packetGap><duration>27.420</duration><density>0.00</density></packetGap>
            </packetStatistics>
          </rxAudio>
          <txAudio><codec>opus</codec></txAudio>
          <rxVideo><codec>h264</codec><maxSizeWidth>1920</maxSizeWidth><maxSizeHeight>1080</maxSizeHeight></rxVideo>
          <txVideo><codec>h264</codec><maxSizeWidth>1280</maxSizeWidth><maxSizeHeight>720</maxSizeHeight></txVideo>
        </callLeg>
        """;

    [Fact]
    public void Parse_CallLegEnd_ReadsReasonDurationsAndFlags()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd", FullEnd));

        Assert.Equal(LegId, record.CallLegId);
        Assert.Equal("remoteTeardown", record.Reason);
        Assert.True(record.RemoteTeardown);
        Assert.Equal(1834, record.DurationSeconds);
        Assert.Equal(1790, record.ActivatedDuration);
        Assert.True(record.EncryptedMedia);
        Assert.False(record.UnencryptedMedia);
        Assert.Equal("dial-out 17", record.CdrTag);
        Assert.Equal("b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d", record.GroupId);
        Assert.Equal("Ada Lovelace", record.OwnerName);
        Assert.Empty(record.Extra);
    }

    [Fact]
    public void Parse_CallLegEnd_ReadsMediaUsageAndAlarms()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd", FullEnd));

        Assert.Equal(new CmsCdrMediaUsage(100.0, 87.5, 12.25, 0.0, 50.0), record.MediaUsagePercentages);
        Assert.Equal(
            [new CmsCdrAlarm("packetLoss", 6.7), new CmsCdrAlarm("excessiveJitter", 1.2), new CmsCdrAlarm("highRoundTripTime", 0.4)],
            record.Alarms);
    }

    [Fact]
    public void Parse_CallLegEnd_ReadsPerDirectionMediaSummaries()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd", FullEnd));

        Assert.Equal(new CmsCdrMediaSummary("opus", null, null,
            new CmsCdrPacketStatistics(new CmsCdrBurst(0.251, 3.5), new CmsCdrBurst(27.42, 0.0))), record.RxAudio);
        Assert.Equal(new CmsCdrMediaSummary("opus", null, null, null), record.TxAudio);
        Assert.Equal(new CmsCdrMediaSummary("h264", 1920, 1080, null), record.RxVideo);
        Assert.Equal(new CmsCdrMediaSummary("h264", 1280, 720, null), record.TxVideo);
    }

    [Fact]
    public void Parse_FailedDialOut_ReadsReasonWithoutMedia()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd", $"""
            <callLeg id="{LegId}"><reason>unknownDestination</reason><remoteTeardown>false</remoteTeardown><durationSeconds>0</durationSeconds></callLeg>
            """));

        Assert.Equal("unknownDestination", record.Reason);
        Assert.False(record.RemoteTeardown);
        Assert.Equal(0, record.DurationSeconds);
        Assert.Null(record.ActivatedDuration);
        Assert.Null(record.MediaUsagePercentages);
        Assert.Empty(record.Alarms);
        Assert.Null(record.RxAudio);
        Assert.Null(record.TxVideo);
    }

    [Fact]
    public void Parse_EmptyElements_ReadAsNull()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd", $"""
            <callLeg id="{LegId}"><reason/><remoteTeardown></remoteTeardown><durationSeconds> </durationSeconds><activatedDuration/>
            <cdrTag/><mediaUsagePercentages><mainVideoViewer/><mainVideoContributor>  </mainVideoContributor></mediaUsagePercentages>
            <alarm type="" durationPercentage=" "/><rxVideo><codec/><maxSizeWidth/><maxSizeHeight></maxSizeHeight></rxVideo></callLeg>
            """));

        Assert.Null(record.Reason);
        Assert.Null(record.RemoteTeardown);
        Assert.Null(record.DurationSeconds);
        Assert.Null(record.ActivatedDuration);
        Assert.Null(record.CdrTag);
        Assert.Equal(new CmsCdrMediaUsage(null, null, null, null, null), record.MediaUsagePercentages);
        Assert.Equal(new CmsCdrAlarm(null, null), Assert.Single(record.Alarms));
        Assert.Equal(new CmsCdrMediaSummary(null, null, null, null), record.RxVideo);
    }

    [Fact]
    public void Parse_MultiStreamVideoSpelledAsInTheChangeHistory_ReadsIt()
    {
        var record = Single<CmsCdrCallLegEnd>(One("callLegEnd",
            $"""<callLeg id="{LegId}"><mediaUsagePercentages><multiStreamVideo>25.0</multiStreamVideo></mediaUsagePercentages></callLeg>"""));

        Assert.Equal(25.0, record.MediaUsagePercentages?.MultistreamVideo);
    }
}
