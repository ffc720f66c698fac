using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrCallLegStartTests
{
    [Fact]
    public void Parse_CallLegStart_ReadsEveryDocumentedField()
    {
        var record = Single<CmsCdrCallLegStart>(One("callLegStart", $"""
            <callLeg id="{LegId}">
              <displayName>Meeting Room 4</displayName>
              <localAddress>board@video.example.com</localAddress>
              <remoteAddress>10.20.30.40</remoteAddress>
              <remoteParty>room4@example.com</remoteParty>
              <cdrTag>dial-out 17</cdrTag>
              <guestConnection>false</guestConnection>
              <recording>false</recording>
              <streaming>false</streaming>
              <type>sip</type>
              <subType>avaya</subType>
              <lyncSubType>audioVideo</lyncSubType>
              <direction>outgoing</direction>
              <call>{CallId}</call>
              <ownerId>convene-booking-981</ownerId>
              <sipCallId>4f1d9c2e-8b7a-4e63-a0d5-1c2b3a4d5e6f@10.1.1.5</sipCallId>
              <groupId>b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d</groupId>
              <replacesSipCallId>0a1b2c3d@10.1.1.5</replacesSipCallId>
              <canMove>true</canMove>
              <movedCallLeg>e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9</movedCallLeg>
              <movedCallLegCallBridge>f0e1d2c3-b4a5-4968-8776-655443322110</movedCallLegCallBridge>
              <confirmationStatus>confirmed</confirmationStatus>
              <mediaEncryption>encrypted</mediaEncryption>
            </callLeg>
            """));

        Assert.Equal("callLegStart", record.Type);
        Assert.Equal(LegId, record.CallLegId);
        Assert.Equal("Meeting Room 4", record.DisplayName);
        Assert.Equal("board@video.example.com", record.LocalAddress);
        Assert.Equal("10.20.30.40", record.RemoteAddress);
        Assert.Equal("room4@example.com", record.RemoteParty);
        Assert.Equal("dial-out 17", record.CdrTag);
        Assert.False(record.GuestConnection);
        Assert.False(record.Recording);
        Assert.False(record.Streaming);
        Assert.Equal("sip", record.LegType);
        Assert.Equal("avaya", record.SubType);
        Assert.Equal("audioVideo", record.LyncSubType);
        Assert.Equal(CallLegDirection.Outgoing, record.Direction);
        Assert.Equal(CallId, record.Call);
        Assert.False(record.InIvr);
        Assert.Equal("convene-booking-981", record.OwnerId);
        Assert.Equal("4f1d9c2e-8b7a-4e63-a0d5-1c2b3a4d5e6f@10.1.1.5", record.SipCallId);
        Assert.Equal("b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d", record.GroupId);
        Assert.Equal("0a1b2c3d@10.1.1.5", record.ReplacesSipCallId);
        Assert.True(record.CanMove);
        Assert.Equal("e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9", record.MovedCallLeg);
        Assert.Equal("f0e1d2c3-b4a5-4968-8776-655443322110", record.MovedCallLegCallBridge);
        Assert.Equal("confirmed", record.ConfirmationStatus);
        Assert.Equal("encrypted", record.MediaEncryption);
        Assert.Empty(record.Extra);
    }

    [Fact]
    public void Parse_GuestWebClientLegInIvr_ReadsGuestFlagAndIvr()
    {
        // The 2.0 guide writes the guest flag as "True".
        var record = Single<CmsCdrCallLegStart>(One("callLegStart", $"""
            <callLeg id="{LegId}"><displayName>Visitor</displayName><guestConnection>True</guestConnection>
            <type>acano</type><direction>incoming</direction><ivr/></callLeg>
            """));

        Assert.True(record.GuestConnection);
        Assert.Equal("acano", record.LegType);
        Assert.Equal(CallLegDirection.Incoming, record.Direction);
        Assert.True(record.InIvr);
        Assert.Null(record.Call);
    }

    [Fact]
    public void Parse_CallLegStartWithEmptyElements_ReadsThemAsNull()
    {
        var record = Single<CmsCdrCallLegStart>(One("callLegStart", $"""
            <callLeg id="{LegId}"><displayName/><localAddress></localAddress><remoteAddress>  </remoteAddress>
            <remoteParty>sip:room9@example.com</remoteParty><cdrTag/><guestConnection/><type>sip</type><subType/>
            <direction/><call/><ownerId> </ownerId><sipCallId/><groupId/><canMove></canMove></callLeg>
            """));

        Assert.Null(record.DisplayName);
        Assert.Null(record.LocalAddress);
        Assert.Null(record.RemoteAddress);
        Assert.Equal("sip:room9@example.com", record.RemoteParty);
        Assert.Null(record.CdrTag);
        Assert.Null(record.GuestConnection);
        Assert.Null(record.SubType);
        Assert.Null(record.Direction);
        Assert.Null(record.Call);
        Assert.Null(record.OwnerId);
        Assert.Null(record.SipCallId);
        Assert.Null(record.GroupId);
        Assert.Null(record.CanMove);
    }

    [Fact]
    public void Parse_RecorderLegWithUnknownDirection_KeepsTextInRaw()
    {
        var record = Single<CmsCdrCallLegStart>(One("callLegStart",
            $"""<callLeg id="{LegId}"><recording>true</recording><direction>sideways</direction></callLeg>"""));

        Assert.True(record.Recording);
        Assert.Null(record.Direction);
        Assert.Contains("sideways", record.Raw.ToString(), StringComparison.Ordinal);
    }
}
