using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Convene.Cms.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace Convene.Cms;

/// <summary>
/// A client for one Call Bridge's REST API (<c>/api/v1</c>). Methods are grouped by resource in the
/// partial files (<c>CmsClient.Spaces.cs</c>, …). Every failure is a <see cref="CmsApiException"/>.
/// Thread-safe; dispose it when the endpoint is no longer used.
/// </summary>
public sealed partial class CmsClient : IDisposable
{
    private const string FormType = "application/x-www-form-urlencoded";
    private readonly HttpClient _http;
    private readonly CmsClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The Call Bridge's address and API credentials.</param>
    /// <param name="options">Timeouts, retries and page size; defaults when null.</param>
    /// <param name="logger">Receives one Debug line per request (passcodes masked, never credentials).</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays.</param>
    public CmsClient(CmsEndpoint endpoint, CmsClientOptions? options = null, ILogger<CmsClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _options = options ?? new CmsClientOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Endpoint = endpoint;
        _http = new HttpClient(CmsHandlers.Create(endpoint, _options, _time), disposeHandler: true)
        {
            BaseAddress = endpoint.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.Username}:{endpoint.Password}"));
        // Sent with the first request: no 401 round trip (the seed's TMS paid one, trace 9498).
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
    }

    /// <summary>The node this client talks to.</summary>
    public CmsEndpoint Endpoint { get; }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    internal async Task<XElement> GetAsync(string path, string root, Query? query, CancellationToken cancellationToken)
    {
        var target = query?.Append(path) ?? path;
        var answer = await SendAsync(HttpMethod.Get, target, null, cancellationToken).ConfigureAwait(false);
        return ParseXml(HttpMethod.Get, target, answer.Body, root);
    }

    /// <summary>GETs one object and parses it.</summary>
    internal async Task<T> GetOneAsync<T>(string path, string root, Func<XElement, T> parse, CancellationToken cancellationToken)
    {
        var xml = await GetAsync(path, root, null, cancellationToken).ConfigureAwait(false);
        return Parse(HttpMethod.Get, path, xml, parse);
    }

    /// <summary>POSTs a form and returns the id at the end of the answer's Location.</summary>
    internal async Task<string> CreateAsync(string path, FormBody form, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, path, form, cancellationToken).ConfigureAwait(false);
        var location = answer.Location?.Trim();
        var id = location is null ? null : location[(location.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/');
        if (string.IsNullOrEmpty(id) || !Guid.TryParse(id, out _))
        {
            throw Error(CmsErrorKind.InvalidResponse, HttpMethod.Post, path, answer.Status, [],
                $"the answer to the POST has no Location with the new object's id (Location: '{location}')", null);
        }
        return id.ToLowerInvariant();
    }

    internal Task PutAsync(string path, FormBody form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, form, cancellationToken);

    internal Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>
    /// Pages through a collection: asks for <see cref="CmsClientOptions.PageSize"/> items and advances
    /// <c>offset</c> by the number actually received (the bridge caps pages its own way) until
    /// <c>total</c> is reached (at most the first page's total) or a page brings nothing new; an item
    /// seen on an earlier page is not yielded again.
    /// </summary>
    internal async IAsyncEnumerable<T> ListAsync<T>(string path, string plural, string singular, Query? filters, Func<XElement, T> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        long? firstTotal = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var query = filters ?? new Query();
            var target = new Query().Add("offset", offset).Add("limit", _options.PageSize);
            var page = await GetAsync(path + MergeQuery(query, target), plural, null, cancellationToken).ConfigureAwait(false);
            var total = Parse(HttpMethod.Get, path, page, p => p.Attribute("total") is { } attribute
                ? long.Parse(attribute.Value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new FormatException($"<{plural}> has no total attribute."));
            firstTotal ??= total;
            var items = page.Elements(singular).ToList();
            var fresh = 0;
            foreach (var item in items)
            {
                // Items shift when the list changes between pages: one already yielded is skipped.
                if (item.Attribute("id")?.Value is { } id && !seen.Add(id))
                {
                    continue;
                }
                fresh++;
                yield return Parse(HttpMethod.Get, path, item, parse);
            }
            offset += items.Count;
            // Stop at the end of the list as it was when paging began: a list that grows as fast as it
            // is read (a caller creating an object per item) or a bridge that repeats a page would
            // otherwise never end.
            if (items.Count == 0 || fresh == 0 || offset >= Math.Min(total, firstTotal.Value))
            {
                yield break;
            }
        }
    }

    /// <summary>Runs a model parser, turning a malformed value into an invalid-response error.</summary>
    internal T Parse<T>(HttpMethod method, string path, XElement element, Func<XElement, T> parse)
    {
        try
        {
            return parse(element);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            // Overflow: a total or uptime beyond long or TimeSpan is as malformed as a non-number.
            throw Error(CmsErrorKind.InvalidResponse, method, path, HttpStatusCode.OK, [], $"the answer has a malformed value: {e.Message}", e);
        }
    }

    private static string MergeQuery(Query filters, Query paging)
    {
        var first = filters.Append("");
        var second = paging.Append("");
        return first.Length == 0 ? second : first + "&" + second[1..];
    }

    private XElement ParseXml(HttpMethod method, string path, string body, string root)
    {
        XElement element;
        try
        {
            element = CmsXml.Parse(body, _options.MaxResponseBytes);
        }
        catch (XmlException e)
        {
            throw Error(CmsErrorKind.InvalidResponse, method, path, HttpStatusCode.OK, [], $"the answer is not well-formed XML ({e.Message})", e);
        }
        if (element.Name.LocalName != root)
        {
            throw Error(CmsErrorKind.InvalidResponse, method, path, HttpStatusCode.OK, [],
                $"the answer's root element is <{element.Name.LocalName}>, not <{root}>: is this a Cisco Meeting Server API?", null);
        }
        return element;
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, FormBody? form, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new StringContent(form.Encode(), Encoding.UTF8, FormType);
        }
        Answer answer;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            // The per-attempt timeout ends with the headers; a bridge that stalls mid-body must not hang us.
            using var bodyTimeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
            var body = await ReadBodyAsync(response, method, path, reading.Token).ConfigureAwait(false);
            answer = new Answer(response.StatusCode, body, response.Headers.Location?.OriginalString);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw Failed(CmsErrorKind.Certificate, method, path, null, [], Endpoint.CertificateSha256 is null
                ? "the TLS connection failed: the bridge's certificate is not trusted (for a self-signed certificate, pin its SHA-256 fingerprint)"
                : "the TLS connection failed: the bridge's certificate does not match the pinned SHA-256 fingerprint", e, started, form);
        }
        catch (HttpRequestException e)
        {
            throw Failed(CmsErrorKind.Connection, method, path, null, [], $"the bridge could not be reached ({e.HttpRequestError}: {e.Message})", e, started, form);
        }
        catch (TimeoutRejectedException e)
        {
            throw Failed(CmsErrorKind.Timeout, method, path, null, [], $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s", e, started, form);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(CmsErrorKind.Timeout, method, path, null, [], "the request was cut off before the bridge answered", e, started, form);
        }
        if ((int)answer.Status is >= 200 and < 300)
        {
            Record(method, path, "ok", answer.Status, form, started);
            return answer;
        }
        var failure = CmsFailures.Classify(answer.Status, answer.Body);
        throw Failed(failure.Kind, method, path, answer.Status, failure.Reasons, failure.Describe(Endpoint), null, started, form);
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw Error(CmsErrorKind.InvalidResponse, method, path, response.StatusCode, [],
                $"the answer is {response.Content.Headers.ContentLength} bytes, over the {max}-byte limit", null);
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(response.Content.Headers.ContentLength ?? 16 * 1024, 256, max) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > max)
                {
                    throw Error(CmsErrorKind.InvalidResponse, method, path, response.StatusCode, [], $"the answer is over the {max}-byte limit", null);
                }
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CmsApiException Failed(CmsErrorKind kind, HttpMethod method, string path, HttpStatusCode? status,
        IReadOnlyList<CmsFailureReason> reasons, string detail, Exception? inner, long started, FormBody? form)
    {
        Record(method, path, CmsEnum.ToWire(kind), status, form, started);
        Log.RequestFailed(_logger, Endpoint.Name, method.Method, CmsTelemetry.Resource(path), (int?)status, kind, detail);
        return Error(kind, method, path, status, reasons, detail, inner);
    }

    private CmsApiException Error(CmsErrorKind kind, HttpMethod method, string path, HttpStatusCode? status,
        IReadOnlyList<CmsFailureReason> reasons, string detail, Exception? inner) =>
        new(kind, Endpoint.Name, method.Method, path, status, reasons, $"CMS {Endpoint.Name}: {method.Method} {path} failed: {detail}", inner);

    private void Record(HttpMethod method, string path, string outcome, HttpStatusCode? status, FormBody? form, long started)
    {
        var elapsed = _time.GetElapsedTime(started);
        CmsTelemetry.Record(Endpoint.Name, method.Method, path, outcome, elapsed);
        _options.Observer?.Invoke(new CmsRequestRecord(_time.GetUtcNow(), Endpoint.Name, method.Method, path, outcome, (int?)status, elapsed, form?.ToString() ?? ""));
        if (outcome == "ok" && _logger.IsEnabled(LogLevel.Debug))
        {
            var masked = form?.ToString() ?? "";
            Log.Request(_logger, Endpoint.Name, method.Method, path, (int?)status, elapsed.TotalMilliseconds, masked);
        }
    }

    private readonly record struct Answer(HttpStatusCode Status, string Body, string? Location);
}
