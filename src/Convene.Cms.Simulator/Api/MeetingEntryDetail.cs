using System.Globalization;
using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Api;

/// <summary>
/// <c>GET coSpaces/{id}/meetingEntryDetail</c> (2.1): how to join a space, for invitations. The blueprint's
/// example gives <c>coSpace</c>, the full SIP <c>uri</c> and the <c>callId</c>; 3.x adds the <c>passcode</c>
/// and the web join link, <c>webAddress</c> (named as <c>accessQuery</c> names it). Unset values are empty
/// elements; the web link is there only when a web bridge is configured and the space has a call ID and secret.
/// </summary>
internal static class MeetingEntryDetail
{
    public static string Write(CmsRequest r, Space space)
    {
        var options = r.Cluster.Options;
        var uri = space["uri"] is { } user && !string.IsNullOrEmpty(options.SipDomain) ? $"{user}@{options.SipDomain}" : space["uri"];
        var xml = new XmlOut().Open("meetingEntryDetail").Element("coSpace", space.Id);
        xml.ElementOrEmpty("uri", uri);
        xml.ElementOrEmpty("callId", space["callId"]);
        if (r.Since(3, 0))
        {
            xml.ElementOrEmpty("passcode", space["passcode"]);
            if (options.WebBridgeUrl is { } web && space["callId"] is { } callId && space["secret"] is { } secret)
            {
                xml.Element("webAddress", string.Create(CultureInfo.InvariantCulture,
                    $"{web.GetLeftPart(UriPartial.Path).TrimEnd('/')}/meeting/{callId}?secret={Uri.EscapeDataString(secret)}"));
            }
        }
        return xml.Close("meetingEntryDetail").ToString();
    }
}
