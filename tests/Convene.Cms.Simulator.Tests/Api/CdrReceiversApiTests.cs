using System.Net;
using Convene.Cms.Simulator.Tests.Cdr;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

public sealed class CdrReceiversApiTests
{
    [Fact]
    public async Task CdrReceivers_FourOnOneNode_ListedWithMaximumAndAFifthRefused()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var core1 = sim.Api(0);
        using var core2 = sim.Api(1);
        for (var i = 1; i <= 4; i++)
        {
            await core1.CreateAsync("/api/v1/system/cdrReceivers", $"uri=http://127.0.0.1:9/r{i}", "/api/v1/system/cdrReceivers/");
        }

        await core1.RefusedAsync(HttpMethod.Post, "/api/v1/system/cdrReceivers", "uri=http://127.0.0.1:9/r5", HttpStatusCode.BadRequest, "tooManyCdrReceivers");

        var list = await core1.GetAsync("/api/v1/system/cdrReceivers");
        Assert.Equal("4", list.Attribute("total")?.Value);
        Assert.Equal("4", list.Attribute("maximum")?.Value);
        Assert.Equal(["http://127.0.0.1:9/r1", "http://127.0.0.1:9/r2", "http://127.0.0.1:9/r3", "http://127.0.0.1:9/r4"],
            list.Elements("cdrReceiver").Select(r => r.Value("uri")));
        await core2.CreateAsync("/api/v1/system/cdrReceivers", "uri=http://127.0.0.1:9/r5");
    }

    [Fact]
    public async Task CdrReceiver_GivenByUrlAsThePostmanCollectionSends_IsStoredAsItsUri()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        var id = await http.CreateAsync("/api/v1/system/cdrReceivers", "url=http://127.0.0.1:9/cdr");
        await http.PutAsync($"/api/v1/system/cdrReceivers/{id}", "url=http://127.0.0.1:9/other");

        Assert.Equal("http://127.0.0.1:9/other", (await http.GetAsync($"/api/v1/system/cdrReceivers/{id}")).Value("uri"));
    }

    [Theory]
    [InlineData("uri=not a url", "uri")]
    [InlineData("url=ftp://127.0.0.1/cdr", "url")]
    [InlineData("name=nothing", "uri")]
    public async Task CdrReceiver_WithoutAnHttpUrl_IsRefusedNamingTheParameter(string form, string parameter)
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();

        await http.InvalidValueAsync(HttpMethod.Post, "/api/v1/system/cdrReceivers", form, parameter);

        Assert.Equal(0, (await http.GetAsync("/api/v1/system/cdrReceivers")).Total());
    }

    [Fact]
    public async Task CdrReceiver_LastFailingOneDeleted_ClearsTheCdrConnectionFailureAlarm()
    {
        await using var sim = await Sim.StartAsync(new FakeTimeProvider());
        using var http = sim.Api();
        var id = await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri=http://127.0.0.1:{CdrTests.ClosedPort()}/cdr");
        await http.CreateAsync("/api/v1/calls", "name=adhoc");
        await CdrTests.EventuallyAsync(async () =>
            (await http.GetAsync("/api/v1/system/alarms")).Elements("alarm").Any(a => a.Value("type") == "cdrConnectionFailure") ? "raised" : null);

        await http.DeleteAsync($"/api/v1/system/cdrReceivers/{id}");

        Assert.Equal(0, (await http.GetAsync("/api/v1/system/alarms")).Total());
    }
}
