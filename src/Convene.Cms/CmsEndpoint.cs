using System.Net;

namespace Convene.Cms;

/// <summary>
/// Where and how to reach one Call Bridge's API: the Web Admin base address (<c>https://host[:port]</c>),
/// an API user, and optionally the SHA-256 fingerprint of a self-signed certificate to trust.
/// </summary>
/// <remarks>The password never appears in <see cref="ToString"/>, log lines or exception messages.</remarks>
public sealed record CmsEndpoint
{
    /// <summary>Creates an endpoint. Plain <c>http</c> is accepted for loopback addresses only.</summary>
    /// <param name="baseAddress">The Web Admin address, such as <c>https://cms1.example.com:445</c>.</param>
    /// <param name="username">An API user of the Call Bridge.</param>
    /// <param name="password">That user's password.</param>
    /// <param name="certificateSha256">A certificate fingerprint (hex, colons allowed) to trust instead of the usual chain validation.</param>
    /// <param name="name">A name for this node in messages and metrics; the host and port when omitted.</param>
    public CmsEndpoint(Uri baseAddress, string username, string password, string? certificateSha256 = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        if (!baseAddress.IsAbsoluteUri || baseAddress.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"'{baseAddress}' is not an http(s) address of a Call Bridge's Web Admin.", nameof(baseAddress));
        }
        if (baseAddress.Scheme == "http" && !IsLoopback(baseAddress))
        {
            throw new ArgumentException($"'{baseAddress}' uses plain http; a Call Bridge is reached over https (http is allowed for loopback only).", nameof(baseAddress));
        }
        BaseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority));
        Username = username;
        Password = password;
        CertificateSha256 = certificateSha256 is null ? null : NormalizeFingerprint(certificateSha256);
        Name = string.IsNullOrWhiteSpace(name) ? BaseAddress.Authority : name;
    }

    /// <summary>The Web Admin address, scheme, host and port only.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API user.</summary>
    public string Username { get; }

    /// <summary>The API user's password.</summary>
    public string Password { get; }

    /// <summary>The pinned certificate fingerprint (upper-case hex), or null to validate the chain as usual.</summary>
    public string? CertificateSha256 { get; }

    /// <summary>The node's name in messages and metrics.</summary>
    public string Name { get; }

    /// <summary>The address and user, never the password.</summary>
    public override string ToString() => $"{Name} ({BaseAddress}, user {Username})";

    /// <summary>Parses <c>host</c>, <c>host:port</c> or a full URL, as an administrator types it
    /// (the seed: "x.x.x.x:445"). Without a scheme, https is assumed.</summary>
    public static Uri ParseAddress(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var text = address.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || (uri.AbsolutePath is not ("/" or "") && !uri.AbsolutePath.StartsWith("/api", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"'{address}' is not a host name, IP address or host:port.");
        }
        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string NormalizeFingerprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("A certificate pin is the SHA-256 fingerprint: 64 hex digits.", nameof(text));
        }
        return hex;
    }
}
