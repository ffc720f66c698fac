using Convene.Cms;

namespace Convene.Bridges;

/// <summary>Checks an <see cref="AddBridge"/> before anything is sent: every fault by field, the typed
/// address never echoed when it carries credentials, never in full when it is long.</summary>
internal static class AddBridgeValidation
{
    /// <summary>Longest address, user name and password accepted (the columns hold 300 and 100 characters).</summary>
    public const int MaxAddress = 300;

    public const int MaxUsername = 100;

    public const int MaxPassword = 256;

    public static CmsEndpoint Validate(AddBridge request)
    {
        var errors = new Dictionary<string, string[]>();
        var address = request.Address?.Trim() ?? "";
        Uri? uri = null;
        if (address.Length == 0)
        {
            errors["address"] = ["An address is required: host, IP or host:port of the Web Admin."];
        }
        else if (address.Contains('@', StringComparison.Ordinal))
        {
            // user:password@host: the password would be stored and shown with the address.
            errors["address"] = ["The address must not carry a user name or password: give them as username and password."];
        }
        else if (address.Length > MaxAddress || address.Any(char.IsControl))
        {
            errors["address"] = [$"The address must be at most {MaxAddress} characters, without control characters."];
        }
        else
        {
            uri = TryParse(address, errors);
        }
        if (string.IsNullOrWhiteSpace(request.Username))
        {
            errors["username"] = ["An API user is required."];
        }
        else if (request.Username.Trim().Length > MaxUsername || request.Username.Any(char.IsControl) || request.Username.Contains(':', StringComparison.Ordinal))
        {
            errors["username"] = [$"The API user must be at most {MaxUsername} characters, without ':' or control characters."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }
        else if (request.Password.Length > MaxPassword)
        {
            errors["password"] = [$"The password must be at most {MaxPassword} characters."];
        }
        if (request.CertificateSha256 is not null && !IsPin(request.CertificateSha256))
        {
            errors["certificateSha256"] = ["The certificate fingerprint is not a SHA-256 fingerprint (64 hex digits, colons allowed)."];
        }
        if (request.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
        {
            errors["timeZone"] = [$"'{ProblemException.Quote(request.TimeZone, 60)}' is not an IANA time zone such as Europe/Lisbon."];
        }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors, errors.Count == 1 ? errors.First().Value[0] : "The bridge cannot be added as given.", TypeOf(errors));
        }
        return new CmsEndpoint(uri!, request.Username!.Trim(), request.Password!, request.CertificateSha256, address);
    }

    /// <summary>A pin: 64 hex digits, colons and spaces allowed (as <see cref="CmsEndpoint"/> reads it).</summary>
    public static bool IsPin(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
    }

    /// <summary>Parses an address as <see cref="CmsEndpoint"/> will use it, or adds why not.</summary>
    public static Uri? TryParse(string address, Dictionary<string, string[]> errors, string field = "address")
    {
        try
        {
            var uri = CmsEndpoint.ParseAddress(address);
            if (uri.Scheme is not ("https" or "http"))
            {
                errors[field] = [$"'{ProblemException.Quote(address)}' is not an https address of a Web Admin (host, IP or host:port)."];
                return null;
            }
            if (uri.Scheme == "http" && !IsLoopback(uri))
            {
                errors[field] = [$"'{ProblemException.Quote(address)}' uses plain http, which is allowed for loopback addresses only: a CMS serves its API over https."];
                return null;
            }
            return uri;
        }
        catch (FormatException)
        {
            errors[field] = [$"'{ProblemException.Quote(address)}' is not a host name, IP address or host:port."];
            return null;
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static string TypeOf(Dictionary<string, string[]> errors) =>
        errors.Count != 1 ? "invalid-request" : errors.Keys.First() switch
        {
            "address" when string.IsNullOrEmpty(errors["address"][0]) => "invalid-request",
            "address" when errors["address"][0].StartsWith("An address is required", StringComparison.Ordinal) => "invalid-request",
            "address" when errors["address"][0].Contains("user name or password", StringComparison.Ordinal) => "credentials-in-address",
            "address" => "invalid-address",
            "certificateSha256" => "invalid-certificate-pin",
            "timeZone" => "invalid-time-zone",
            _ => "invalid-request",
        };
}
