using Convene.Cms;

namespace Convene.Bridges;

/// <summary>
/// Reads what a CMS says about itself before it is added: <c>system/status</c> (is it a CMS? which
/// version? clustered?), its cluster <c>uniqueName</c> and the cluster's <c>callBridges</c>. The whole
/// detection has one time budget, the one its failure message states, however many requests and retries
/// it takes; a failure says what to change (the scheme, the port, the credentials).
/// </summary>
internal sealed class BridgeDetection(TimeSpan budget, TimeProvider time)
{
    public async Task<(CmsSystemStatus Status, string? UniqueName, List<CmsCallBridge> Peers)> DetectAsync(CmsClient cms, string typed, CancellationToken ct)
    {
        var address = ProblemException.Quote(typed.Trim());
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var status = await cms.GetSystemStatusAsync(linked.Token);
            if (status.SoftwareVersion is null)
            {
                throw new ProblemException(422, $"{address} answered, but its system/status has no software version: it does not look like a Cisco Meeting Server.", type: "not-a-cms");
            }
            string? uniqueName = null;
            try
            {
                var configured = (await cms.GetClusterConfigurationAsync(linked.Token)).UniqueName;
                // An unset name is an empty element (<uniqueName/>): no name, whatever the client made of it.
                uniqueName = string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                // Very old versions have no cluster configuration; the seed node is then matched by address.
            }
            var peers = new List<CmsCallBridge>();
            await foreach (var entry in cms.ListCallBridgesAsync(linked.Token))
            {
                peers.Add(await cms.GetCallBridgeAsync(entry.Id, linked.Token));
            }
            return (status, uniqueName, peers);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Unreachable(address, cms.Endpoint.BaseAddress, $"no answer within {Seconds(budget)}", timedOut: true);
        }
        catch (CmsApiException e)
        {
            if (e.Kind is CmsErrorKind.Connection or CmsErrorKind.Timeout or CmsErrorKind.Certificate
                && !typed.Contains("://", StringComparison.Ordinal) && await SpeaksPlainHttpAsync(cms.Endpoint.BaseAddress, ct))
            {
                var http = new UriBuilder(cms.Endpoint.BaseAddress) { Scheme = "http" }.Uri.GetLeftPart(UriPartial.Authority);
                throw new ProblemException(422, AddBridgeValidation.IsLoopback(cms.Endpoint.BaseAddress)
                        ? $"{address} was tried over https, but this server speaks plain http: write {http} (plain http is allowed on loopback only)."
                        : $"{address} was tried over https, but this server speaks plain http, which Convene allows on loopback only: give the https address of the Web Admin.",
                    $"A plain http request to {http} was answered; https to the same port was not, so this is not a certificate problem.", "plain-http");
            }
            throw e.Kind switch
            {
                CmsErrorKind.Connection or CmsErrorKind.Timeout => Unreachable(address, cms.Endpoint.BaseAddress, e.Message, e.Kind == CmsErrorKind.Timeout),
                CmsErrorKind.Authentication => new ProblemException(422, $"Authentication failed: the CMS at {address} refused the API user and password.", e.Message, "authentication-failed"),
                CmsErrorKind.Certificate => new ProblemException(422, $"The certificate of {address} is not trusted; for a self-signed certificate give its SHA-256 fingerprint.", e.Message, "certificate-not-trusted"),
                _ => new ProblemException(422, $"{address} did not answer as a Cisco Meeting Server API does.", e.Message, "not-a-cms"),
            };
        }
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";

    /// <summary>The port hint names the host with 445 only when no port was given; a given port is not repeated.
    /// A wait that ran out says how long it waited; a connection that failed at once (refused, no route, no such
    /// host) says so instead of naming a time nobody waited.</summary>
    private ProblemException Unreachable(string address, Uri uri, string detail, bool timedOut)
    {
        var hint = uri.IsDefaultPort
            ? $"check the address and the Web Admin port (such as {uri.Host}:445)"
            : $"check the address and the Web Admin port ({uri.Port} was tried)";
        var what = timedOut ? $"No Cisco Meeting Server answered at {address} within {Seconds(budget)}" : $"Could not connect to {address}";
        return new ProblemException(422, $"{what}: {hint}.", detail, "bridge-unreachable");
    }

    /// <summary>True when an http request to the same host and port gets any HTTP answer.</summary>
    private static async Task<bool> SpeaksPlainHttpAsync(Uri https, CancellationToken ct)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new UriBuilder(https) { Scheme = "http", Path = "/api/v1/system/status" }.Uri, HttpCompletionOption.ResponseHeadersRead, ct);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
