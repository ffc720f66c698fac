namespace Convene.Cms.Simulator.Protocol;

/// <summary>
/// A CMS API error: the HTTP status and the <c>&lt;failureDetails&gt;</c> children a real Call Bridge
/// answers with. Handlers throw it; the API middleware renders it.
/// </summary>
internal sealed class CmsFailure : Exception
{
    private CmsFailure(int status, string reason, string? parameter, string? error)
        : base(parameter is null ? reason : $"{reason} {parameter} {error}")
    {
        Status = status;
        Reason = reason;
        Parameter = parameter;
        Error = error;
    }

    public int Status { get; }

    public string Reason { get; }

    public string? Parameter { get; }

    public string? Error { get; }

    /// <summary>An object named in the path does not exist (404, e.g. <c>coSpaceDoesNotExist</c>).</summary>
    public static CmsFailure NotFound(string reason) => new(404, reason, null, null);

    /// <summary>A request that is well formed but refused (400, e.g. <c>duplicateCoSpaceUri</c>).</summary>
    public static CmsFailure Refused(string reason) => new(400, reason, null, null);

    /// <summary><c>&lt;parameterError parameter="x" error="y"/&gt;</c>, answered with 400.</summary>
    public static CmsFailure BadParameter(string parameter, string error = "invalidValue") =>
        new(400, "parameterError", parameter, error);

    public static CmsFailure UnrecognizedObject() => new(404, "unrecognizedObject", null, null);

    public static CmsFailure InvalidOperation() => new(405, "invalidOperation", null, null);

    public string ToXml()
    {
        var xml = new XmlOut();
        xml.Open("failureDetails");
        if (Parameter is null)
        {
            xml.Empty(Reason);
        }
        else
        {
            xml.Empty(Reason, ("parameter", Parameter), ("error", Error ?? "invalidValue"));
        }
        xml.Close("failureDetails");
        return xml.ToString();
    }
}
