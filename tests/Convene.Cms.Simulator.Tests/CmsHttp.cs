using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Convene.Cms.Simulator.Tests;

/// <summary>Plain HttpClient access to one simulated node, the way any CMS client talks to a bridge:
/// Basic authentication, form bodies, XML answers. Deliberately not the Convene client.</summary>
public sealed class CmsHttp : IDisposable
{
    private readonly HttpClient _http;

    public CmsHttp(SimulatedNode node, string? username = null, string? password = null)
    {
        Node = node;
        _http = new HttpClient { BaseAddress = node.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username ?? node.Username}:{password ?? node.Password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
    }

    public SimulatedNode Node { get; }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? form = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            // No charset parameter: TMS sends the bare media type, and the seed's trace prints it so.
            request.Content = new StringContent(form, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>GETs and parses the XML answer; fails the test unless the status is 200.</summary>
    public async Task<XElement> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XElement.Parse(body);
    }

    /// <summary>POSTs a form, expects 200 with an empty body and a Location, and returns the new id.</summary>
    public async Task<string> CreateAsync(string path, string form, string? locationPrefix = null)
    {
        using var response = await SendAsync(HttpMethod.Post, path, form);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("", body);
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        if (locationPrefix is not null)
        {
            Assert.StartsWith(locationPrefix, location, StringComparison.Ordinal);
        }
        var id = location[(location.LastIndexOf('/') + 1)..];
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        return id;
    }

    public async Task PutAsync(string path, string form)
    {
        using var response = await SendAsync(HttpMethod.Put, path, form);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path} answered {(int)response.StatusCode}: {body}");
    }

    public async Task DeleteAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends a request that must fail, and returns its status and failureDetails.</summary>
    public async Task<(HttpStatusCode Status, XElement? Failure)> FailAsync(HttpMethod method, string path, string? form = null)
    {
        using var response = await SendAsync(method, path, form);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.False(response.IsSuccessStatusCode, $"{method} {path} unexpectedly answered {(int)response.StatusCode}");
        return (response.StatusCode, body.Length == 0 ? null : XElement.Parse(body));
    }

    /// <summary>Sends a request that must fail with <paramref name="status"/> and the failure reason
    /// <paramref name="reason"/>; returns the reason element (for parameterError's attributes).</summary>
    public async Task<XElement> RefusedAsync(HttpMethod method, string path, string? form, HttpStatusCode status, string reason)
    {
        var (actual, failure) = await FailAsync(method, path, form);
        Assert.Equal(status, actual);
        var element = failure.Reason();
        Assert.Equal(reason, element.Name.LocalName);
        return element;
    }

    /// <summary>Sends a request that must fail with 400 <c>parameterError parameter="…" error="invalidValue"</c>.</summary>
    public async Task InvalidValueAsync(HttpMethod method, string path, string? form, string parameter)
    {
        var error = await RefusedAsync(method, path, form, HttpStatusCode.BadRequest, "parameterError");
        Assert.Equal(parameter, error.Attribute("parameter")?.Value);
        Assert.Equal("invalidValue", error.Attribute("error")?.Value);
    }

    public void Dispose() => _http.Dispose();
}

public static class Xml
{
    /// <summary>The single child element of failureDetails: the reason name.</summary>
    public static XElement Reason(this XElement? failure)
    {
        Assert.NotNull(failure);
        Assert.Equal("failureDetails", failure.Name.LocalName);
        return Assert.Single(failure.Elements());
    }

    public static string? Value(this XElement element, string child) => element.Element(child)?.Value;
}
