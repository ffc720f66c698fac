using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>A call leg's detail as real CMS captures show it: configuration, and a status with the
/// media statistics of a connected leg (rx/tx audio and video with roles, jitter, loss, round trip).</summary>
internal static class LegXml
{
    public static string Detail(CmsRequest r, SimLeg leg)
    {
        var call = leg.Call;
        var xml = new XmlOut().Open("callLeg", leg.Id)
            .Element("name", leg.Participant.Name)
            .Element("remoteParty", leg.RemoteParty)
            .Element("originalRemoteParty", leg.OriginalRemoteParty ?? leg.RemoteParty)
            .Element("localAddress", call.Node.Name)
            .Element("call", call.Id)
            .Element("tenant", CallsApi.Tenant(r, call))
            .Element("type", leg.IsLink ? "acano" : "sip")
            .Element("subType", leg.IsLink ? "distributionLink" : null)
            .Element("direction", leg.Direction)
            .Element("canMove", true);
        xml.Open("configuration");
        leg.WriteValues(xml, Schemas.CallLeg);
        xml.Close("configuration");

        var connected = leg.State == LegState.Connected;
        xml.Open("status")
            .Element("state", leg.StateName)
            .Element("durationSeconds", connected ? (long)(r.Now - leg.ConnectedAt!.Value).TotalSeconds : 0)
            .Element("sipCallId", leg.SipCallId)
            .Element("groupId", leg.Participant.Id)
            .Element("recording", false)
            .Element("streaming", false)
            .Element("deactivated", leg.IsTrue("deactivated"))
            .Element("encryptedMedia", connected)
            .Element("unencryptedMedia", false);
        if (connected)
        {
            var layout = Layout(r, leg);
            var video = MediaEngine.VideoBitRate(leg);
            xml.Element("layout", layout).Element("activeLayout", layout).Element("availableVideoStreams", 1);
            Audio(xml, "rxAudio", !leg.IsTrue("rxAudioMute"), rx: true);
            Audio(xml, "txAudio", !leg.IsTrue("txAudioMute"), rx: false);
            Video(xml, "rxVideo", leg.IsTrue("rxVideoMute") ? 0 : video, rx: true);
            Video(xml, "txVideo", leg.IsTrue("txVideoMute") ? 0 : video, rx: false);
        }
        xml.Close("status");
        return xml.Close("callLeg").ToString();
    }

    /// <summary>The leg's own choice, else its leg profile's, else the space's default, else automatic.</summary>
    public static string Layout(CmsRequest r, SimLeg leg)
    {
        if ((leg["chosenLayout"] ?? leg["layout"] ?? leg["defaultLayout"]) is { } own)
        {
            return own;
        }
        var space = leg.Call.SpaceId is { } id ? r.Db.FindSpace(id) : null;
        var profileId = leg["callLegProfile"] ?? space?["callLegProfile"];
        if (profileId is not null && r.Db.CallLegProfiles.TryGetValue(profileId, out var profile) && profile["defaultLayout"] is { } fromProfile)
        {
            return fromProfile;
        }
        return space?["defaultLayout"] ?? "automatic";
    }

    private static void Audio(XmlOut xml, string element, bool flowing, bool rx)
    {
        xml.Open(element).Element("codec", "opus").Element("jitter", 2)
            .Element("bitRate", flowing ? MediaEngine.AudioBitRate : 0)
            .Element("codecBitRate", flowing ? MediaEngine.AudioBitRate : 0)
            .Element("packetLossPercentage", "0.0");
        if (rx)
        {
            xml.Element("gainApplied", 0);
        }
        else
        {
            xml.Element("roundTripTime", 12);
        }
        xml.Close(element);
    }

    private static void Video(XmlOut xml, string element, long bitRate, bool rx)
    {
        xml.OpenWith(element, ("role", "main")).Element("codec", "h264").Element("width", 1920).Element("height", 1080)
            .Element("frameRate", 30).Element("bitRate", bitRate).Element("jitter", 3).Element("packetLossPercentage", "0.0");
        if (!rx)
        {
            xml.Element("roundTripTime", 12);
        }
        xml.Close(element);
    }
}
