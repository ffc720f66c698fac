using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A call leg in <c>GET /callLegs</c> or <c>GET /calls/{id}/callLegs</c>.</summary>
/// <param name="Id">The leg's id.</param>
/// <param name="Name">The far end's display name.</param>
/// <param name="RemoteParty">The far end's address.</param>
/// <param name="OriginalRemoteParty">The address first dialled, before any transfer (2.3).</param>
/// <param name="Call">The call the leg is in.</param>
/// <param name="Tenant">The tenant's id.</param>
/// <param name="Alarms">The alarms the leg raises now (<c>packetLoss</c>, <c>excessiveJitter</c>, <c>highRoundTripTime</c>); empty when none.</param>
public sealed record CmsCallLegSummary(string Id, string? Name, string? RemoteParty, string? OriginalRemoteParty, string? Call, string? Tenant,
    IReadOnlyList<string> Alarms)
{
    internal static CmsCallLegSummary Parse(XElement e) => new(e.Id(), e.Text("name"), e.Text("remoteParty"), e.Text("originalRemoteParty"),
        e.Text("call"), e.Text("tenant"), e.Element("alarms")?.Elements().Select(a => a.Name.LocalName).ToList() ?? []);
}

/// <summary><c>GET /callLegs/{id}</c>: one media connection, its configuration and its live status.</summary>
/// <param name="Id">The leg's id.</param>
/// <param name="Name">The far end's display name.</param>
/// <param name="RemoteParty">The far end's address.</param>
/// <param name="OriginalRemoteParty">The address first dialled (2.3).</param>
/// <param name="LocalAddress">The address the bridge used at its end.</param>
/// <param name="Call">The call the leg is in.</param>
/// <param name="Tenant">The tenant's id.</param>
/// <param name="Type"><c>sip</c> or <c>acano</c>.</param>
/// <param name="SubType"><c>lync</c>, <c>avaya</c>, <c>distributionLink</c>, <c>lyncDistribution</c>; null for a plain leg.</param>
/// <param name="Direction">Who placed the call (top-level <c>direction</c>, or <c>status/direction</c> where the bridge writes it there).</param>
/// <param name="CanMove">The leg may be moved to another call.</param>
/// <param name="OwnerId">The caller's tag given at dial-out (<c>configuration/ownerId</c>).</param>
/// <param name="ChosenLayout">The layout chosen for this leg (<c>configuration/chosenLayout</c>).</param>
/// <param name="Status">The live status; null when the answer has none.</param>
/// <param name="Configuration">The leg's <c>configuration</c>: the effective values of its call leg profile chain and
/// its own overrides; null when the answer has none.</param>
public sealed record CmsCallLeg(string Id, string? Name, string? RemoteParty, string? OriginalRemoteParty, string? LocalAddress,
    string? Call, string? Tenant, string? Type, string? SubType, CallLegDirection? Direction, bool? CanMove,
    string? OwnerId, Layout? ChosenLayout, CmsCallLegStatus? Status, CmsCallLegConfiguration? Configuration = null)
{
    /// <summary>True for a link between two nodes' instances of a distributed call: not a person, so
    /// management views leave it out.</summary>
    public bool IsDistributionLink => string.Equals(SubType, "distributionLink", StringComparison.OrdinalIgnoreCase);

    internal static CmsCallLeg Parse(XElement e)
    {
        var configuration = e.Element("configuration") is { } c ? CmsCallLegConfiguration.Parse(c) : null;
        var status = e.Element("status") is { } s ? CmsCallLegStatus.Parse(s) : null;
        // Cisco's reference spells it subtype; the bridge writes subType.
        var subType = e.Text("subType") ?? e.Text("subtype");
        return new(e.Id(), e.Text("name"), e.Text("remoteParty"), e.Text("originalRemoteParty"), e.Text("localAddress"),
            e.Text("call"), e.Text("tenant"), e.Text("type"), subType?.Trim(),
            e.Enum<CallLegDirection>("direction") ?? status?.Direction, e.Bool("canMove"),
            configuration?.OwnerId, configuration?.ChosenLayout, status, configuration);
    }
}

/// <summary>The <c>&lt;status&gt;</c> of a call leg.</summary>
/// <param name="State">Where the leg is in its life.</param>
/// <param name="Duration">Time connected.</param>
/// <param name="SipCallId">The SIP Call-ID.</param>
/// <param name="GroupId">Groups the legs of one participant.</param>
/// <param name="Recording">The leg is being recorded.</param>
/// <param name="Streaming">The leg is being streamed.</param>
/// <param name="Deactivated">True while the participant waits in the lobby.</param>
/// <param name="EncryptedMedia">Some media is encrypted.</param>
/// <param name="UnencryptedMedia">Some media is not encrypted.</param>
/// <param name="Layout">The layout the leg asked for.</param>
/// <param name="ActiveLayout">The layout the leg sees now.</param>
/// <param name="AvailableVideoStreams">Video streams the leg can receive.</param>
/// <param name="RxAudio">Audio the bridge receives.</param>
/// <param name="TxAudio">Audio the bridge sends.</param>
/// <param name="RxVideo">Video the bridge receives, one per role (<c>main</c>, <c>presentation</c>).</param>
/// <param name="TxVideo">Video the bridge sends, one per role.</param>
/// <param name="Direction">Who placed the call, as <c>status/direction</c> (real bridges write it here).</param>
/// <param name="CipherSuite">The SRTP cipher suite of encrypted media, such as <c>AES_CM_128_HMAC_SHA1_80</c> (2.9).</param>
/// <param name="CameraControlAvailable">The far end's camera can be controlled (FECC, 2.8).</param>
public sealed record CmsCallLegStatus(CallLegState? State, TimeSpan? Duration, string? SipCallId, string? GroupId, bool? Recording,
    bool? Streaming, bool? Deactivated, bool? EncryptedMedia, bool? UnencryptedMedia, Layout? Layout, Layout? ActiveLayout,
    int? AvailableVideoStreams, CmsMediaStream? RxAudio, CmsMediaStream? TxAudio, IReadOnlyList<CmsMediaStream> RxVideo,
    IReadOnlyList<CmsMediaStream> TxVideo, CallLegDirection? Direction = null, string? CipherSuite = null, bool? CameraControlAvailable = null)
{
    /// <summary>The received video stream of <paramref name="role"/> (<c>main</c> or <c>presentation</c>), or null.</summary>
    public CmsMediaStream? RxVideoOf(string role) => RxVideo.FirstOrDefault(v => string.Equals(v.Role, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sent video stream of <paramref name="role"/> (<c>main</c> or <c>presentation</c>), or null.</summary>
    public CmsMediaStream? TxVideoOf(string role) => TxVideo.FirstOrDefault(v => string.Equals(v.Role, role, StringComparison.OrdinalIgnoreCase));

    internal static CmsCallLegStatus Parse(XElement e) => new(
        e.Enum<CallLegState>("state"), e.Seconds("durationSeconds"),
        // Cisco's reference writes sipCallID; captures show sipCallId.
        e.Text("sipCallId") ?? e.Text("sipCallID"), e.Text("groupId"), e.Bool("recording"), e.Bool("streaming"), e.Bool("deactivated"),
        e.Bool("encryptedMedia"), e.Bool("unencryptedMedia"), e.Enum<Layout>("layout"), e.Enum<Layout>("activeLayout"),
        e.Int("availableVideoStreams"),
        e.Element("rxAudio") is { } rxAudio ? CmsMediaStream.Parse(rxAudio) : null,
        e.Element("txAudio") is { } txAudio ? CmsMediaStream.Parse(txAudio) : null,
        e.Elements("rxVideo").Select(CmsMediaStream.Parse).ToList(),
        e.Elements("txVideo").Select(CmsMediaStream.Parse).ToList(),
        e.Enum<CallLegDirection>("direction"), e.Text("cipherSuite"), e.Bool("cameraControlAvailable"));
}

/// <summary>One media direction of a leg (<c>rxAudio</c>, <c>txAudio</c>, <c>rxVideo</c>, <c>txVideo</c>).
/// Values the bridge does not give for that stream are null.</summary>
/// <param name="Role">For video: <c>main</c> or <c>presentation</c>; null for audio.</param>
/// <param name="Codec">Such as <c>opus</c>, <c>g722</c>, <c>h264</c>, <c>vp8</c>.</param>
/// <param name="Width">Video width, pixels.</param>
/// <param name="Height">Video height, pixels.</param>
/// <param name="FrameRate">Video frames per second.</param>
/// <param name="BitRate">Bit rate now, bit/s.</param>
/// <param name="CodecBitRate">The codec's bit rate, bit/s (audio, 2.1).</param>
/// <param name="Jitter">Jitter, ms.</param>
/// <param name="PacketLossPercentage">Packets lost, percent.</param>
/// <param name="RoundTripTime">Round trip, ms (sent streams).</param>
/// <param name="GainApplied">Gain the bridge applies, dB (received audio).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A media stream, as CMS calls rxAudio/txVideo; not a System.IO.Stream.")]
public sealed record CmsMediaStream(string? Role, string? Codec, int? Width, int? Height, double? FrameRate, long? BitRate,
    long? CodecBitRate, long? Jitter, double? PacketLossPercentage, long? RoundTripTime, double? GainApplied)
{
    internal static CmsMediaStream Parse(XElement e) => new(
        e.Attr("role"), e.Text("codec"), e.Int("width"), e.Int("height"), e.Double("frameRate"), e.Long("bitRate"),
        e.Long("codecBitRate"), e.Long("jitter"), e.Double("packetLossPercentage"), e.Long("roundTripTime"), e.Double("gainApplied"));
}

/// <summary>A call leg's <c>state</c>.</summary>
public enum CallLegState
{
    /// <summary>Being set up.</summary>
    Initial,

    /// <summary>The far end is ringing.</summary>
    Ringing,

    /// <summary>Media flows.</summary>
    Connected,

    /// <summary>Held by the far end.</summary>
    OnHold,
}

/// <summary>Who placed a call leg.</summary>
public enum CallLegDirection
{
    /// <summary>The far end called in.</summary>
    Incoming,

    /// <summary>The bridge dialled out.</summary>
    Outgoing,
}

