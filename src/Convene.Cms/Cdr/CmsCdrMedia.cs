using System.Xml.Linq;

namespace Convene.Cms.Cdr;

/// <summary><c>mediaUsagePercentages</c> of a <c>callLegEnd</c> (CDR guide §4.4): percentages (0–100, decimals
/// such as <c>100.0</c>) of the leg's duration. Unknown children are in the record's raw XML.</summary>
/// <param name="MainVideoViewer"><c>mainVideoViewer</c>: time the leg received main video.</param>
/// <param name="MainVideoContributor"><c>mainVideoContributor</c>: time the leg sent main video that others saw.</param>
/// <param name="PresentationViewer"><c>presentationViewer</c>: time the leg received a presentation.</param>
/// <param name="PresentationContributor"><c>presentationContributor</c>: time the leg presented.</param>
/// <param name="MultistreamVideo"><c>multistreamVideo</c> (2.2; the guide's change history spells it
/// multiStreamVideo, both are read): time the leg received several video streams.</param>
public sealed record CmsCdrMediaUsage(double? MainVideoViewer, double? MainVideoContributor, double? PresentationViewer,
    double? PresentationContributor, double? MultistreamVideo)
{
    internal static CmsCdrMediaUsage Read(CdrElementReader usage) => new(usage.Double("mainVideoViewer"), usage.Double("mainVideoContributor"),
        usage.Double("presentationViewer"), usage.Double("presentationContributor"),
        usage.Double("multistreamVideo") ?? usage.Double("multiStreamVideo"));
}

/// <summary>One <c>&lt;alarm type="…" durationPercentage="…"/&gt;</c> of a <c>callLegEnd</c> (CDR guide §4.4):
/// a quality condition and the share of the leg's duration it lasted.</summary>
/// <param name="Type">The <c>type</c> attribute: <c>packetLoss</c>, <c>excessiveJitter</c>, <c>highRoundTripTime</c>, as written.</param>
/// <param name="DurationPercentage">The <c>durationPercentage</c> attribute, 0–100.</param>
public sealed record CmsCdrAlarm(string? Type, double? DurationPercentage)
{
    internal static CmsCdrAlarm Read(XElement alarm) => new(CdrElementReader.Clean(alarm.Attribute("type")?.Value),
        CdrElementReader.ParseDouble(alarm.Attribute("durationPercentage")?.Value, "<alarm durationPercentage>"));
}

/// <summary>The summary of one media direction in a <c>callLegEnd</c> (<c>rxAudio</c>, <c>txAudio</c>,
/// <c>rxVideo</c>, <c>txVideo</c>; CDR guide §4.4).</summary>
/// <param name="Codec"><c>codec</c>: the codec last used (<c>g722</c>, <c>opus</c>, <c>aac</c>, <c>h264</c>, …).</param>
/// <param name="MaxSizeWidth"><c>maxSizeWidth</c>: the widest video frame, in pixels (video only).</param>
/// <param name="MaxSizeHeight"><c>maxSizeHeight</c>: the tallest video frame, in pixels (video only).</param>
/// <param name="PacketStatistics"><c>packetStatistics</c> (received media only); null when absent.</param>
public sealed record CmsCdrMediaSummary(string? Codec, int? MaxSizeWidth, int? MaxSizeHeight, CmsCdrPacketStatistics? PacketStatistics)
{
    internal static CmsCdrMediaSummary? Read(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var media = new CdrElementReader(element);
        var statistics = media.Child("packetStatistics") is { } s ? new CdrElementReader(s) : null;
        return new(media.Text("codec"), media.Int("maxSizeWidth"), media.Int("maxSizeHeight"), statistics is null ? null
            : new CmsCdrPacketStatistics(CmsCdrBurst.Read(statistics.Child("packetLossBursts")), CmsCdrBurst.Read(statistics.Child("packetGap"))));
    }
}

/// <summary><c>packetStatistics</c> of received media (CDR guide §4.4): burst and gap metrics in the manner
/// of RFC 3611 §4.7.</summary>
/// <param name="PacketLossBursts"><c>packetLossBursts</c>: periods of dense packet loss.</param>
/// <param name="PacketGap"><c>packetGap</c>: the periods between bursts.</param>
public sealed record CmsCdrPacketStatistics(CmsCdrBurst? PacketLossBursts, CmsCdrBurst? PacketGap);

/// <summary>A <c>duration</c> and <c>density</c> pair of <see cref="CmsCdrPacketStatistics"/>, as decimals written
/// by the bridge (e.g. <c>0.251</c>, <c>27.420</c>; the guide gives duration in seconds and density as a
/// percentage of packets lost).</summary>
/// <param name="Duration"><c>duration</c>.</param>
/// <param name="Density"><c>density</c>.</param>
public sealed record CmsCdrBurst(double? Duration, double? Density)
{
    internal static CmsCdrBurst? Read(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var burst = new CdrElementReader(element);
        return new(burst.Double("duration"), burst.Double("density"));
    }
}
