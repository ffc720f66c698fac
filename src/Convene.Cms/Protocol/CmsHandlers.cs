using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Convene.Cms.Protocol;

/// <summary>
/// The HTTP pipeline of a client: retries and per-attempt timeout (Polly, through
/// Microsoft.Extensions.Http.Resilience), a counter of requests actually sent, and sockets with
/// certificate validation on — the chain as usual, or exactly the pinned certificate.
/// </summary>
internal static class CmsHandlers
{
    public static HttpMessageHandler Create(CmsEndpoint endpoint, CmsClientOptions options, TimeProvider time)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(endpoint.CertificateSha256, certificate, errors),
            },
        };
        var counting = new CountingHandler(endpoint.Name) { InnerHandler = sockets };
        return new ResilienceHandler(Pipeline(options, time)) { InnerHandler = counting };
    }

    /// <summary>With a pin, the certificate must be that one (a self-signed CMS certificate); without
    /// one, the chain and name must validate.</summary>
    internal static bool Validate(string? pin, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (pin is null)
        {
            return errors == SslPolicyErrors.None;
        }
        if (certificate is null)
        {
            return false;
        }
        var actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(pin));
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(CmsClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method)),
            });
        }
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    /// <summary>503 means the bridge did not act on the request, so any request may be sent again.
    /// Otherwise only a GET is retried: a repeated POST creates a second space, call or leg.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.ServiceUnavailable })
        {
            return true;
        }
        if (method != HttpMethod.Get)
        {
            return false;
        }
        return outcome.Exception switch
        {
            HttpRequestException { InnerException: AuthenticationException } => false,
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false,
            HttpRequestException or TimeoutRejectedException => true,
            _ => outcome.Result is { StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout },
        };
    }

    private sealed class CountingHandler(string node) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            CmsRequestTally.Increment();
            CmsTelemetry.CountAttempt(node, request.Method.Method);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
