using System.Xml.Linq;
using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>
/// <c>GET /coSpaces/{id}/meetingEntryDetail</c> (2.1 and later): how people join a space's meeting, as the
/// bridge would put it in an invitation. The API reference documents <c>coSpace</c>, <c>uri</c> (the full SIP
/// URI, with the domain) and <c>callId</c>; 3.x bridges may add the passcode and a web join link, read here
/// when present (<c>passcode</c>; <c>webAddress</c>, the name <c>accessQuery</c> gives the web link).
/// Every value the bridge leaves unset is null.
/// </summary>
/// <param name="CoSpace">The space's id.</param>
/// <param name="Uri">The full URI to dial, such as <c>board@video.example.com</c>.</param>
/// <param name="CallId">The numeric meeting ID for the IVR or the web app.</param>
/// <param name="Passcode">The PIN, when the bridge gives it.</param>
/// <param name="WebAddress">The web app join link, when the bridge gives it.</param>
public sealed record CmsMeetingEntryDetail(string? CoSpace, string? Uri, string? CallId, string? Passcode, string? WebAddress)
{
    // The reference's example writes the space id in quotation marks; a bridge that does so still gives an id.
    internal static CmsMeetingEntryDetail Parse(XElement e) => new(e.Text("coSpace")?.Trim().Trim('"'), e.Text("uri"), e.Text("callId"),
        e.Text("passcode"), e.Text("webAddress"));

    /// <inheritdoc />
    public override string ToString() =>
        $"CmsMeetingEntryDetail {{ CoSpace = {CoSpace}, Uri = {Uri}, CallId = {CallId}, Passcode = {(Passcode is null ? "none" : "*****")}, WebAddress = {WebAddress} }}";
}
