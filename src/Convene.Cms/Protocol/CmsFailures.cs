using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Convene.Cms.Protocol;

/// <summary>Reads an error answer: the <c>failureDetails</c> reasons and what kind of failure they are.</summary>
internal static class CmsFailures
{
    public static Classified Classify(HttpStatusCode status, string body)
    {
        var reasons = Reasons(body);
        var code = (int)status;
        var kind = code switch
        {
            401 or 403 => CmsErrorKind.Authentication,
            503 => CmsErrorKind.Busy,
            _ when reasons.Any(r => r.Name.EndsWith("DoesNotExist", StringComparison.OrdinalIgnoreCase)
                || r.Name is "unrecognizedObject" or "unrecognisedObject") => CmsErrorKind.NotFound,
            _ when reasons.Any(r => r.Name.StartsWith("duplicate", StringComparison.OrdinalIgnoreCase)) => CmsErrorKind.Duplicate,
            _ when reasons.Any(r => r.Name == "parameterError") => CmsErrorKind.InvalidParameter,
            404 => CmsErrorKind.NotFound,
            >= 500 => CmsErrorKind.ServerError,
            _ => CmsErrorKind.Refused,
        };
        return new Classified(kind, status, reasons);
    }

    private static List<CmsFailureReason> Reasons(string body)
    {
        if (body.Length == 0 || body.Length > 64 * 1024 || !body.Contains("failureDetails", StringComparison.Ordinal))
        {
            return [];
        }
        try
        {
            var root = CmsXml.Parse(body, 64 * 1024);
            return root.Name.LocalName != "failureDetails"
                ? []
                : root.Elements().Select(e => new CmsFailureReason(e.Name.LocalName, e.Attr("parameter"), e.Attr("error"))).ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }

    internal readonly record struct Classified(CmsErrorKind Kind, HttpStatusCode Status, IReadOnlyList<CmsFailureReason> Reasons)
    {
        public string Describe(CmsEndpoint endpoint)
        {
            var code = (int)Status;
            var reasons = string.Join(", ", Reasons.Select(r => r.Parameter is null ? r.Name : $"{r.Name} ({r.Parameter}: {r.Error})"));
            return Kind switch
            {
                CmsErrorKind.Authentication => $"the bridge refused API user '{endpoint.Username}' ({code}): check the user name, password and that the user has the api role",
                CmsErrorKind.Busy => "the bridge is busy (503) and stayed busy through the retries",
                _ when reasons.Length > 0 => $"{code} {reasons}",
                _ => $"{code} {Status}",
            };
        }
    }
}
