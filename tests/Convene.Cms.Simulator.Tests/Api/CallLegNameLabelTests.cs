using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary>A dial-out's <c>nameLabelOverride</c>: at most 50 bytes of UTF-8 from 2.4 (API blueprint), kept in the
/// leg's configuration; older versions ignore it as a parameter they do not know.</summary>
public sealed class CallLegNameLabelTests
{
    [Fact]
    public async Task DialOut_WithANameLabel_TheLegsConfigurationShowsIt()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("named"));

        var leg = await http.DialOutAsync(call, "bob@example.com", "nameLabelOverride=Bob+Smith");

        Assert.Equal("Bob Smith", (await http.GetAsync($"/api/v1/callLegs/{leg}")).Element("configuration")?.Element("nameLabelOverride")?.Value);
    }

    [Fact]
    public async Task DialOut_NameLabelOverFiftyUtf8Bytes_RefusedAsInvalid()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("long"));

        // 26 characters, 52 bytes of UTF-8.
        await http.InvalidValueAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs",
            "remoteParty=bob@example.com&nameLabelOverride=" + Uri.EscapeDataString(new string('ø', 26)), "nameLabelOverride");
    }

    [Fact]
    public async Task DialOut_NameLabelOnVersion23_IsIgnored()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.3.1");
        using var http = host.Api();
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("old"));

        var leg = await http.DialOutAsync(call, "bob@example.com", "nameLabelOverride=Bob+Smith");

        Assert.Null((await http.GetAsync($"/api/v1/callLegs/{leg}")).Element("configuration")?.Element("nameLabelOverride"));
    }
}
