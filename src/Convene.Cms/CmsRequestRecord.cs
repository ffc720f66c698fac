namespace Convene.Cms;

/// <summary>One attempt of one CMS API request, as <see cref="CmsClientOptions.Observer"/> is told of it.</summary>
/// <param name="TimeUtc">When the answer (or the failure) came.</param>
/// <param name="Node">The endpoint's name (<see cref="CmsEndpoint.Name"/>).</param>
/// <param name="Method">GET, POST, PUT or DELETE.</param>
/// <param name="Path">The path and query sent, e.g. <c>/api/v1/coSpaces?offset=0&amp;limit=50</c>.</param>
/// <param name="Outcome"><c>ok</c>, or the failure's kind in the wire form of <see cref="CmsErrorKind"/> (e.g. <c>connection</c>).</param>
/// <param name="Status">The HTTP status, or null when no answer came.</param>
/// <param name="Latency">From the send to the answer's end or the failure.</param>
/// <param name="Form">The form body sent, with passcodes and passwords masked as the CMS masks them (<c>passcode=*****</c>); empty when none.</param>
public readonly record struct CmsRequestRecord(DateTimeOffset TimeUtc, string Node, string Method, string Path, string Outcome, int? Status,
    TimeSpan Latency, string Form);
