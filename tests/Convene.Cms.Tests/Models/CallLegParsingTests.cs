using System.Xml.Linq;

namespace Convene.Cms.Tests.Models;

/// <summary>Call leg answers shaped like real CMS captures, parsed without a bridge: the simulator writes
/// only part of what a real bridge does (no presentation stream, no subType, no alarms).</summary>
public sealed class CallLegParsingTests
{
    private const string ConnectedSipLeg = """
        <?xml version="1.0"?>
        <callLeg id="5e3a1d7c-2b1f-4c7e-9a55-0d7b8e4f2a10">
          <name>EX90 Desk</name>
          <remoteParty>desk.ex90@tkratzke.local</remoteParty>
          <originalRemoteParty>desk.ex90@tkratzke.local</originalRemoteParty>
          <localAddress>cms1@tkratzke.local</localAddress>
          <call>8b0d5f4e-4c1a-4f3e-b0a2-6a1c2d3e4f50</call>
          <tenant>0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b</tenant>
          <type>sip</type>
          <direction>outgoing</direction>
          <canMove>true</canMove>
          <lyncRole/>
          <configuration>
            <ownerId>convene:meeting-17:room-4</ownerId>
            <chosenLayout>onePlusSeven</chosenLayout>
            <rxAudioMute>false</rxAudioMute>
            <defaultLayout>allEqual</defaultLayout>
          </configuration>
          <status>
            <state>connected</state>
            <durationSeconds>754</durationSeconds>
            <sipCallId>4f1c2a3b-0000-1000-8000-00d0b7a1c2e3@10.1.144.129</sipCallId>
            <groupId>a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d</groupId>
            <recording>false</recording>
            <streaming>false</streaming>
            <deactivated>false</deactivated>
            <encryptedMedia>true</encryptedMedia>
            <unencryptedMedia>false</unencryptedMedia>
            <cipherSuite>AES_CM_128_HMAC_SHA1_80</cipherSuite>
            <layout>onePlusSeven</layout>
            <activeLayout>onePlusSeven</activeLayout>
            <availableVideoStreams>1</availableVideoStreams>
            <cameraControlAvailable>false</cameraControlAvailable>
            <rxAudio>
              <codec>aac</codec>
              <jitter>4</jitter>
              <bitRate>63800</bitRate>
              <codecBitRate>64000</codecBitRate>
              <packetLossPercentage>0.2</packetLossPercentage>
              <gainApplied>-3.5</gainApplied>
            </rxAudio>
            <txAudio>
              <codec>aac</codec>
              <jitter>1</jitter>
              <bitRate>64000</bitRate>
              <codecBitRate>64000</codecBitRate>
              <packetLossPercentage>0.0</packetLossPercentage>
              <roundTripTime>38</roundTripTime>
            </txAudio>
            <rxVideo role="main">
              <codec>h264</codec>
              <width>1280</width>
              <height>720</height>
              <frameRate>29.97</frameRate>
              <bitRate>1152000</bitRate>
              <jitter>9</jitter>
              <packetLossPercentage>1.5</packetLossPercentage>
            </rxVideo>
            <rxVideo role="presentation">
              <codec>h264</codec>
              <width>1920</width>
              <height>1080</height>
              <frameRate>5</frameRate>
              <bitRate>384000</bitRate>
              <jitter>2</jitter>
              <packetLossPercentage>0.0</packetLossPercentage>
            </rxVideo>
            <txVideo role="main">
              <codec>h264</codec>
              <width>1920</width>
              <height>1080</height>
              <frameRate>30</frameRate>
              <bitRate>1536000</bitRate>
              <jitter>3</jitter>
              <packetLossPercentage>0.0</packetLossPercentage>
              <roundTripTime>40</roundTripTime>
            </txVideo>
            <activeControl>
              <encrypted>true</encrypted>
              <localSubscriptions>3</localSubscriptions>
              <remoteSubscriptions>3</remoteSubscriptions>
            </activeControl>
            <multiStreamVideo>
              <numScreens>1</numScreens>
            </multiStreamVideo>
            <somethingFromAFutureRelease attribute="x">42</somethingFromAFutureRelease>
          </status>
          <alarms/>
        </callLeg>
        """;

    [Fact]
    public void Parse_ConnectedSipLeg_ReadsEveryField()
    {
        var leg = CmsCallLeg.Parse(XElement.Parse(ConnectedSipLeg));

        Assert.Equal("5e3a1d7c-2b1f-4c7e-9a55-0d7b8e4f2a10", leg.Id);
        Assert.Equal("EX90 Desk", leg.Name);
        Assert.Equal("desk.ex90@tkratzke.local", leg.RemoteParty);
        Assert.Equal("desk.ex90@tkratzke.local", leg.OriginalRemoteParty);
        Assert.Equal("cms1@tkratzke.local", leg.LocalAddress);
        Assert.Equal("8b0d5f4e-4c1a-4f3e-b0a2-6a1c2d3e4f50", leg.Call);
        Assert.Equal("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b", leg.Tenant);
        Assert.Equal("sip", leg.Type);
        Assert.Null(leg.SubType);
        Assert.False(leg.IsDistributionLink);
        Assert.Equal(CallLegDirection.Outgoing, leg.Direction);
        Assert.True(leg.CanMove);
        Assert.Equal("convene:meeting-17:room-4", leg.OwnerId);
        Assert.Equal(Layout.OnePlusSeven, leg.ChosenLayout);
    }

    [Fact]
    public void Parse_ConnectedSipLeg_ReadsStatusAndEveryMediaStream()
    {
        var status = CmsCallLeg.Parse(XElement.Parse(ConnectedSipLeg)).Status!;

        Assert.Equal(CallLegState.Connected, status.State);
        Assert.Equal(TimeSpan.FromSeconds(754), status.Duration);
        Assert.Equal("4f1c2a3b-0000-1000-8000-00d0b7a1c2e3@10.1.144.129", status.SipCallId);
        Assert.Equal("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", status.GroupId);
        Assert.False(status.Recording);
        Assert.False(status.Streaming);
        Assert.False(status.Deactivated);
        Assert.True(status.EncryptedMedia);
        Assert.False(status.UnencryptedMedia);
        Assert.Equal(Layout.OnePlusSeven, status.Layout);
        Assert.Equal(Layout.OnePlusSeven, status.ActiveLayout);
        Assert.Equal(1, status.AvailableVideoStreams);
        Assert.Equal(new CmsMediaStream(null, "aac", null, null, null, 63_800, 64_000, 4, 0.2, null, -3.5), status.RxAudio);
        Assert.Equal(new CmsMediaStream(null, "aac", null, null, null, 64_000, 64_000, 1, 0.0, 38, null), status.TxAudio);
        Assert.Equal(["main", "presentation"], status.RxVideo.Select(v => v.Role));
        Assert.Equal(new CmsMediaStream("main", "h264", 1280, 720, 29.97, 1_152_000, null, 9, 1.5, null, null), status.RxVideoOf("main"));
        Assert.Equal(new CmsMediaStream("presentation", "h264", 1920, 1080, 5, 384_000, null, 2, 0.0, null, null), status.RxVideoOf("presentation"));
        var tx = Assert.Single(status.TxVideo);
        Assert.Equal(new CmsMediaStream("main", "h264", 1920, 1080, 30, 1_536_000, null, 3, 0.0, 40, null), tx);
        Assert.Null(status.TxVideoOf("presentation"));
    }

    [Fact]
    public void Parse_DistributionLink_IsRecognised()
    {
        var leg = CmsCallLeg.Parse(XElement.Parse("""
            <callLeg id="11111111-2222-4333-8444-555555555555">
              <name/>
              <remoteParty>cms2.example.com</remoteParty>
              <call>8b0d5f4e-4c1a-4f3e-b0a2-6a1c2d3e4f50</call>
              <type>acano</type>
              <subType>distributionLink</subType>
              <direction>incoming</direction>
              <configuration/>
              <status><state>connected</state><durationSeconds>12</durationSeconds></status>
            </callLeg>
            """));

        Assert.True(leg.IsDistributionLink);
        Assert.Equal("distributionLink", leg.SubType);
        Assert.Equal("acano", leg.Type);
        Assert.Equal(CallLegDirection.Incoming, leg.Direction);
        Assert.Null(leg.Name); // <name/>: unset
        Assert.Null(leg.OwnerId);
    }

    [Fact]
    public void Parse_SubtypeSpeltAsInCiscosReference_IsRecognised()
    {
        var leg = CmsCallLeg.Parse(XElement.Parse("""<callLeg id="11111111-2222-4333-8444-555555555555"><subtype>distributionLink</subtype></callLeg>"""));

        Assert.True(leg.IsDistributionLink);
    }

    [Fact]
    public void Parse_RingingLegWithoutMedia_LeavesAbsentValuesNull()
    {
        var leg = CmsCallLeg.Parse(XElement.Parse("""
            <callLeg id="11111111-2222-4333-8444-555555555555">
              <remoteParty>room@example.com</remoteParty>
              <status>
                <state>ringing</state>
                <sipCallID>abc@10.0.0.1</sipCallID>
                <layout></layout>
              </status>
            </callLeg>
            """));

        Assert.Null(leg.Name);
        Assert.Null(leg.Tenant);
        Assert.Null(leg.Type);
        Assert.Null(leg.Direction);
        Assert.Null(leg.CanMove);
        Assert.Null(leg.OwnerId);
        Assert.Null(leg.ChosenLayout);
        var status = leg.Status!;
        Assert.Equal(CallLegState.Ringing, status.State);
        Assert.Equal("abc@10.0.0.1", status.SipCallId);
        Assert.Null(status.Duration);
        Assert.Null(status.Deactivated);
        Assert.Null(status.Layout);
        Assert.Null(status.ActiveLayout);
        Assert.Null(status.AvailableVideoStreams);
        Assert.Null(status.RxAudio);
        Assert.Null(status.TxAudio);
        Assert.Empty(status.RxVideo);
        Assert.Empty(status.TxVideo);
    }

    [Fact]
    public void Parse_LegWithoutStatus_HasNullStatus()
    {
        Assert.Null(CmsCallLeg.Parse(XElement.Parse("""<callLeg id="11111111-2222-4333-8444-555555555555"/>""")).Status);
    }

    [Fact]
    public void Parse_OnHoldState_IsRead()
    {
        var leg = CmsCallLeg.Parse(XElement.Parse("""<callLeg id="11111111-2222-4333-8444-555555555555"><status><state>onHold</state></status></callLeg>"""));

        Assert.Equal(CallLegState.OnHold, leg.Status?.State);
    }

    [Fact]
    public void Parse_MalformedBitRate_ThrowsFormatException()
    {
        var xml = XElement.Parse("""
            <callLeg id="11111111-2222-4333-8444-555555555555">
              <status><state>connected</state><rxAudio><codec>opus</codec><bitRate>fast</bitRate></rxAudio></status>
            </callLeg>
            """);

        Assert.Throws<FormatException>(() => CmsCallLeg.Parse(xml));
    }

    [Fact]
    public void ParseSummary_ListEntries_ReadAlarmsEmptyOrSet()
    {
        var list = XElement.Parse("""
            <callLegs total="2">
              <callLeg id="11111111-2222-4333-8444-555555555555">
                <name>Alice</name>
                <remoteParty>alice@example.com</remoteParty>
                <originalRemoteParty>1001@example.com</originalRemoteParty>
                <call>8b0d5f4e-4c1a-4f3e-b0a2-6a1c2d3e4f50</call>
                <alarms/>
              </callLeg>
              <callLeg id="66666666-7777-4888-9999-000000000000">
                <name>Bob</name>
                <remoteParty>bob@example.com</remoteParty>
                <call>8b0d5f4e-4c1a-4f3e-b0a2-6a1c2d3e4f50</call>
                <tenant>0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b</tenant>
                <alarms><packetLoss/><excessiveJitter/></alarms>
              </callLeg>
            </callLegs>
            """);

        var legs = list.Elements("callLeg").Select(CmsCallLegSummary.Parse).ToList();

        Assert.Equal("1001@example.com", legs[0].OriginalRemoteParty);
        Assert.Empty(legs[0].Alarms);
        Assert.Null(legs[0].Tenant);
        Assert.Equal(["packetLoss", "excessiveJitter"], legs[1].Alarms);
        Assert.Equal("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b", legs[1].Tenant);
        Assert.Null(legs[1].OriginalRemoteParty);
    }
}
