using Convene.Cms.Cdr;
using static Convene.Cms.Tests.Cdr.CdrBatches;

namespace Convene.Cms.Tests.Cdr;

public sealed class CmsCdrCallLegUpdateTests
{
    [Fact]
    public void Parse_Connected_ReadsStateCallAndIds()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""
            <callLeg id="{LegId}">
              <state>connected</state>
              <call>{CallId}</call>
              <groupId>b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d</groupId>
              <sipCallId>4f1d9c2e@10.1.1.5</sipCallId>
              <ownerId>convene-booking-981</ownerId>
              <cdrTag>dial-out 17</cdrTag>
              <remoteAddress>room4@example.com</remoteAddress>
            </callLeg>
            """));

        Assert.Equal(LegId, record.CallLegId);
        Assert.Equal("connected", record.StateText);
        Assert.Equal(CallLegState.Connected, record.State);
        Assert.Equal(CallId, record.Call);
        Assert.False(record.InIvr);
        Assert.Equal("b2a7c9e1-3d4f-4a5b-8c6d-7e8f9a0b1c2d", record.GroupId);
        Assert.Equal("4f1d9c2e@10.1.1.5", record.SipCallId);
        Assert.Equal("convene-booking-981", record.OwnerId);
        Assert.Equal("dial-out 17", record.CdrTag);
        Assert.Equal("room4@example.com", record.RemoteAddress);
        Assert.Null(record.Deactivated);
    }

    [Fact]
    public void Parse_Ringing_ReadsState()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""<callLeg id="{LegId}"><state>ringing</state></callLeg>"""));

        Assert.Equal(CallLegState.Ringing, record.State);
    }

    [Fact]
    public void Parse_UnknownState_KeepsTheText()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""<callLeg id="{LegId}"><state>transferring</state></callLeg>"""));

        Assert.Null(record.State);
        Assert.Equal("transferring", record.StateText);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Parse_LobbyChange_ReadsDeactivated(string text, bool deactivated)
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""
            <callLeg id="{LegId}"><call>{CallId}</call><deactivated>{text}</deactivated><displayName>Grace Hopper</displayName>
            <canMove>false</canMove><mediaEncryption>encrypted</mediaEncryption><confirmationStatus>pending</confirmationStatus></callLeg>
            """));

        Assert.Equal(deactivated, record.Deactivated);
        Assert.Equal("Grace Hopper", record.DisplayName);
        Assert.False(record.CanMove);
        Assert.Equal("encrypted", record.MediaEncryption);
        Assert.Equal("pending", record.ConfirmationStatus);
    }

    [Fact]
    public void Parse_LegInIvr_ReadsIvrFlagWithoutCall()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""<callLeg id="{LegId}"><ivr/></callLeg>"""));

        Assert.True(record.InIvr);
        Assert.Null(record.Call);
    }

    [Fact]
    public void Parse_GroupIdSpelledAsInThe20Guide_ReadsIt()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""<callLeg id="{LegId}"><groupID>g-1</groupID></callLeg>"""));

        Assert.Equal("g-1", record.GroupId);
        Assert.Empty(record.Extra);
    }

    [Fact]
    public void Parse_EmptyElements_ReadAsNull()
    {
        var record = Single<CmsCdrCallLegUpdate>(One("callLegUpdate", $"""
            <callLeg id="{LegId}"><state/><call></call><deactivated> </deactivated><displayName/><cdrTag/><ownerId/><sipCallId/><groupId/></callLeg>
            """));

        Assert.Null(record.StateText);
        Assert.Null(record.State);
        Assert.Null(record.Call);
        Assert.Null(record.Deactivated);
        Assert.Null(record.DisplayName);
        Assert.Null(record.CdrTag);
        Assert.Null(record.OwnerId);
        Assert.Null(record.SipCallId);
        Assert.Null(record.GroupId);
    }
}
