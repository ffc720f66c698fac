using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>
/// A call leg as CMS writes it, after the blueprint's example answer and a real capture of a dialled-out
/// leg: top-level facts, the effective <c>configuration</c> (<see cref="LegConfiguration"/>), and a
/// <c>status</c> with <c>direction</c>, the flags <c>recording</c>, <c>streaming</c> and <c>deactivated</c>
/// only when true, the SRTP <c>cipherSuite</c> of encrypted media (2.9), <c>cameraControlAvailable</c>
/// (2.8) and the media statistics of a connected leg in CMS's element order and number formats.
/// </summary>
internal static class LegXml
{
    /// <summary>The SRTP suite of encrypted media: the one SIP endpoints commonly negotiate.</summary>
    public const string CipherSuite = "AES_CM_128_HMAC_SHA1_80";

    /// <summary>Frame rates are decimals (a capture shows <c>29.9</c>).</summary>
    public const string FrameRate = "29.9";

    public static string Detail(CmsRequest r, SimLeg leg)
    {
        var call = leg.Call;
        var configuration = LegConfiguration.Effective(r.Cluster, leg);
        var xml = new XmlOut().Open("callLeg", leg.Id)
            .Element("name", Name(leg))
            .Element("remoteParty", leg.RemoteParty);
        if (r.Since(2, 3))
        {
            xml.Element("originalRemoteParty", OriginalRemoteParty(leg));
        }
        xml.Element("localAddress", call.Node.Name)
            .Element("call", call.Id)
            .Element("tenant", CallsApi.Tenant(r, call))
            .Element("type", leg.IsLink ? "acano" : "sip")
            .Element("subType", leg.IsLink ? "distributionLink" : null)
            .Element("direction", leg.Direction);
        if (r.Since(2, 6))
        {
            xml.Element("canMove", !leg.IsLink);
        }
        WriteConfiguration(xml, configuration);
        WriteStatus(r, xml, leg, configuration);
        return xml.Close("callLeg").ToString();
    }

    /// <summary>A leg in a list (<c>GET /callLegs</c>, <c>/calls/{id}/callLegs</c>, <c>/participants/{id}/callLegs</c>).</summary>
    public static void Summary(CmsRequest r, XmlOut xml, SimLeg leg)
    {
        xml.Element("name", Name(leg)).Element("remoteParty", leg.RemoteParty);
        if (r.Since(2, 3))
        {
            xml.Element("originalRemoteParty", OriginalRemoteParty(leg));
        }
        xml.Element("call", leg.Call.Id).Element("tenant", CallsApi.Tenant(r, leg.Call));
    }

    /// <summary>The far end's display name. A SIP leg the bridge dialled out has none (a capture shows
    /// <c>&lt;name&gt;&lt;/name&gt;</c> on a connected outgoing leg); a dial-in carries the caller's.</summary>
    public static string Name(SimLeg leg) => leg.Direction == "outgoing" && !leg.IsLink ? "" : leg.Participant.Name;

    /// <summary>The address the API was given or the caller first signalled, before the outbound dial plan rewrote it (2.3).</summary>
    public static string OriginalRemoteParty(SimLeg leg) => leg.OriginalRemoteParty ?? leg.RemoteParty;

    /// <summary>The layout the leg sees now.</summary>
    public static string Layout(CmsRequest r, SimLeg leg) => LegConfiguration.ActiveLayout(LegConfiguration.Effective(r.Cluster, leg));

    private static void WriteConfiguration(XmlOut xml, Dictionary<string, string> configuration)
    {
        if (configuration.Count == 0)
        {
            xml.Empty("configuration");
            return;
        }
        xml.Open("configuration");
        foreach (var name in LegConfiguration.Order)
        {
            xml.Element(name, configuration.GetValueOrDefault(name));
        }
        xml.Close("configuration");
    }

    private static void WriteStatus(CmsRequest r, XmlOut xml, SimLeg leg, Dictionary<string, string> configuration)
    {
        var call = leg.Call;
        var connected = leg.State == LegState.Connected;
        var encrypted = connected && configuration.GetValueOrDefault("sipMediaEncryption") != "prohibited";
        xml.Open("status")
            .Element("state", leg.StateName)
            .Element("durationSeconds", connected ? (long)(r.Now - leg.ConnectedAt!.Value).TotalSeconds : 0)
            .Element("direction", leg.Direction)
            .Element("sipCallId", leg.SipCallId)
            .Element("groupId", leg.Participant.Id);
        Flag(xml, "recording", connected && call.IsTrue("recording"));
        Flag(xml, "streaming", connected && call.IsTrue("streaming") && r.Since(2, 1));
        Flag(xml, "deactivated", leg.IsTrue("deactivated"));
        xml.Element("encryptedMedia", encrypted).Element("unencryptedMedia", connected && !encrypted);
        if (encrypted && r.Since(2, 9))
        {
            xml.Element("cipherSuite", CipherSuite);
        }
        if (connected)
        {
            var layout = LegConfiguration.ActiveLayout(configuration);
            xml.Element("layout", layout).Element("activeLayout", layout).Element("availableVideoStreams", 1);
            if (r.Since(2, 8))
            {
                xml.Element("cameraControlAvailable", !leg.IsLink);
            }
            var video = MediaEngine.VideoBitRate(leg);
            var gain = r.Since(2, 8) && configuration.GetValueOrDefault("audioGainMode") == "agc";
            Audio(r, xml, "rxAudio", Muted(configuration, "rxAudioMute") ? 0 : MediaEngine.AudioBitRate, rx: true, gain);
            Audio(r, xml, "txAudio", Muted(configuration, "txAudioMute") ? 0 : MediaEngine.AudioBitRate, rx: false, gain);
            Video(xml, "rxVideo", Muted(configuration, "rxVideoMute") ? 0 : video, rx: true);
            Video(xml, "txVideo", Muted(configuration, "txVideoMute") ? 0 : video, rx: false);
        }
        xml.Close("status");
    }

    private static bool Muted(Dictionary<string, string> configuration, string name) => configuration.GetValueOrDefault(name) == "true";

    /// <summary>CMS leaves a status flag out while it is false (the blueprint's example and captures do).</summary>
    private static void Flag(XmlOut xml, string name, bool value)
    {
        if (value)
        {
            xml.Element(name, true);
        }
    }

    /// <summary>Audio as a capture shows it: codec, packet loss, jitter, then on the receive side the
    /// codec's nominal rate (2.1), the measured rate, and the gain AGC applies (2.8, only with
    /// <c>audioGainMode=agc</c>); on the send side the measured rate and the round trip.</summary>
    private static void Audio(CmsRequest r, XmlOut xml, string element, long bitRate, bool rx, bool gain)
    {
        xml.Open(element).Element("codec", "opus").Element("packetLossPercentage", "0.0").Element("jitter", 2);
        if (rx && r.Since(2, 1))
        {
            xml.Element("codecBitRate", MediaEngine.AudioBitRate);
        }
        xml.Element("bitRate", bitRate);
        if (!rx)
        {
            xml.Element("roundTripTime", 12);
        }
        else if (gain)
        {
            xml.Element("gainApplied", "0.0");
        }
        xml.Close(element);
    }

    /// <summary>Video as a capture shows it: codec, size, frame rate (a decimal), measured rate, packet
    /// loss, jitter, and on the send side the round trip.</summary>
    private static void Video(XmlOut xml, string element, long bitRate, bool rx)
    {
        xml.OpenWith(element, ("role", "main")).Element("codec", "h264").Element("width", 1920).Element("height", 1080)
            .Element("frameRate", FrameRate).Element("bitRate", bitRate).Element("packetLossPercentage", "0.0").Element("jitter", 3);
        if (!rx)
        {
            xml.Element("roundTripTime", 12);
        }
        xml.Close(element);
    }
}
