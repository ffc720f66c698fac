using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests;

/// <summary>Starts a simulated cluster on a fake clock, and reads the answers tests look at most.</summary>
public static class Sim
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static Task<CmsSimulatorHost> StartAsync(FakeTimeProvider time, Action<CmsSimulatorOptions>? configure = null) =>
        CmsSimulatorHost.StartAsync(configure, time, TestContext.Current.CancellationToken);

    public static CmsHttp Api(this CmsSimulatorHost host, int node = 0) => new(host.Nodes[node]);

    public static HttpClient Control(this CmsSimulatorHost host) => new() { BaseAddress = host.ControlUrl, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<XElement> StatusAsync(this CmsHttp http) => await http.GetAsync("/api/v1/system/status");

    public static long Number(this XElement element, string child) =>
        long.Parse(element.Value(child) ?? throw new InvalidOperationException($"<{element.Name}> has no <{child}>: {element}"),
            System.Globalization.CultureInfo.InvariantCulture);

    public static int Total(this XElement list) => int.Parse(list.Attribute("total")!.Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a space with a URI and optional extra form fields; returns its id.</summary>
    public static Task<string> CreateSpaceAsync(this CmsHttp http, string uri, string extra = "") =>
        http.CreateAsync("/api/v1/coSpaces", $"name={uri}&uri={uri}" + (extra.Length == 0 ? "" : "&" + extra));

    public static Task<string> CreateCallAsync(this CmsHttp http, string spaceId) =>
        http.CreateAsync("/api/v1/calls", $"coSpace={spaceId}", "/api/v1/calls/");

    public static Task<string> DialOutAsync(this CmsHttp http, string callId, string remoteParty, string extra = "") =>
        http.CreateAsync($"/api/v1/calls/{callId}/callLegs", $"remoteParty={Uri.EscapeDataString(remoteParty)}" + (extra.Length == 0 ? "" : "&" + extra),
            "/api/v1/callLegs/");

    public static async Task<string?> LegStateAsync(this CmsHttp http, string legId)
    {
        using var response = await http.SendAsync(HttpMethod.Get, $"/api/v1/callLegs/{legId}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        var leg = XElement.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return leg.Element("status")?.Value("state");
    }

    /// <summary>Rings, then answers a dial-out made with the default timing: two steps, as the answer timer
    /// is only set once the leg rings.</summary>
    public static void AnswerWithDefaultTiming(this FakeTimeProvider time)
    {
        var defaults = new CmsSimulatorOptions();
        time.Advance(defaults.RingAfter);
        time.Advance(defaults.AnswerAfter);
    }

    /// <summary>The local names of an element's children, in order.</summary>
    public static List<string> Names(this XElement? element) =>
        element?.Elements().Select(e => e.Name.LocalName).ToList() ?? throw new InvalidOperationException("no such element");

    public static async Task<HttpResponseMessage> DialInAsync(this HttpClient control, string node, object request) =>
        await control.PostAsJsonAsync($"sim/nodes/{node}/dialIn", request, TestContext.Current.CancellationToken);
}
