using System.Globalization;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// The call leg records of the CDR stream (CMS CDR guide §4.3–4.5): <c>callLegStart</c>,
/// <c>callLegUpdate</c> on every change of state or of <c>deactivated</c>, and <c>callLegEnd</c> with the
/// reason, durations, media usage, media summaries and alarms.
/// </summary>
internal sealed partial class MediaEngine
{
    /// <summary>Alarm thresholds (the simulator's choice): loss in percent, jitter and round trip in ms.</summary>
    public const double PacketLossAlarm = 1.0;
    public const int JitterAlarm = 40;
    public const int RoundTripAlarm = 400;

    private static void RecordLegStart(SimLeg leg, DateTimeOffset now)
    {
        var call = leg.Call;
        call.Node.Cdr.Record(now, "callLegStart", xml => xml.Open("callLeg", leg.Id)
            .Element("displayName", leg["nameLabelOverride"] ?? leg.Participant["nameLabelOverride"] ?? leg.Participant.Name)
            .Element("localAddress", call.Node.Name)
            .Element("remoteAddress", leg.RemoteParty)
            .Element("remoteParty", leg.RemoteParty)
            .Element("call", call.Id)
            .Element("type", "sip")
            .Element("direction", leg.Direction)
            .Element("groupId", leg.Participant.Id)
            .Element("sipCallId", leg.SipCallId)
            .Element("ownerId", leg["ownerId"])
            .Close("callLeg"));
    }

    private static void RecordLegUpdate(SimLeg leg, DateTimeOffset now)
    {
        leg.Call.Node.Cdr.Record(now, "callLegUpdate", xml => xml.Open("callLeg", leg.Id)
            .Element("state", leg.StateName)
            .Element("deactivated", leg.Deactivated)
            .Element("call", leg.Call.Id)
            .Element("groupId", leg.Participant.Id)
            .Element("remoteAddress", leg.RemoteParty)
            .Element("sipCallId", leg.SipCallId)
            .Close("callLeg"));
    }

    private void RecordLegEnd(SimLeg leg, string reason, bool remoteTeardown, DateTimeOffset now)
    {
        var activated = leg.ActivatedBefore + (leg.ActivatedSince is { } since ? now - since : TimeSpan.Zero);
        var impairment = ByAddress(cluster.Options.Impairments, leg.RemoteParty);
        leg.Call.Node.Cdr.Record(now, "callLegEnd", xml =>
        {
            xml.Open("callLeg", leg.Id)
                .Element("reason", reason)
                .Element("remoteTeardown", remoteTeardown)
                .Element("durationSeconds", (long)(now - (leg.ConnectedAt ?? now)).TotalSeconds)
                .Element("activatedDuration", (long)activated.TotalSeconds);
            if (leg.ConnectedAt is not null)
            {
                xml.Open("mediaUsagePercentages")
                    .Element("mainVideoViewer", leg.IsTrue("txVideoMute") ? "0.0" : "100.0")
                    .Element("mainVideoContributor", leg.IsTrue("rxVideoMute") ? "0.0" : "100.0")
                    .Close("mediaUsagePercentages");
                Alarms(xml, impairment);
                xml.Element("encryptedMedia", true).Element("unencryptedMedia", false);
                xml.Open("rxAudio").Element("codec", "opus").Close("rxAudio")
                    .Open("txAudio").Element("codec", "opus").Close("txAudio");
                Video(xml, "rxVideo");
                Video(xml, "txVideo");
            }
            xml.Close("callLeg");
        });
    }

    private static void Alarms(XmlOut xml, LegImpairment? impairment)
    {
        if (impairment is null)
        {
            return;
        }
        // The impairment lasts the whole call, so an alarm covers all of it.
        if (impairment.PacketLossPercentage >= PacketLossAlarm)
        {
            xml.Empty("alarm", ("type", "packetLoss"), ("durationPercentage", "100.0"));
        }
        if (impairment.JitterMilliseconds >= JitterAlarm)
        {
            xml.Empty("alarm", ("type", "excessiveJitter"), ("durationPercentage", "100.0"));
        }
        if (impairment.RoundTripTimeMilliseconds >= RoundTripAlarm)
        {
            xml.Empty("alarm", ("type", "highRoundTripTime"), ("durationPercentage", "100.0"));
        }
    }

    private static void Video(XmlOut xml, string element) =>
        xml.Open(element).Element("codec", "h264")
            .Element("maxSizeWidth", 1920.ToString(CultureInfo.InvariantCulture))
            .Element("maxSizeHeight", 1080.ToString(CultureInfo.InvariantCulture))
            .Close(element);

    /// <summary>An entry of a table keyed by address: the exact address, else the longest prefix key
    /// ending in <c>*</c>, else none.</summary>
    public static T? ByAddress<T>(Dictionary<string, T> table, string address)
        where T : class
    {
        if (table.TryGetValue(address, out var exact))
        {
            return exact;
        }
        T? best = null;
        var bestLength = -1;
        foreach (var (key, value) in table)
        {
            if (key.EndsWith('*') && key.Length - 1 > bestLength && address.StartsWith(key[..^1], StringComparison.OrdinalIgnoreCase))
            {
                best = value;
                bestLength = key.Length - 1;
            }
        }
        return best;
    }
}
