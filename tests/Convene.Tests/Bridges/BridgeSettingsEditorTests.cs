using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;

namespace Convene.Tests.Bridges;

/// <summary>Edit Settings and Extended Settings: what is refused, and that a refused change keeps nothing.</summary>
public abstract class BridgeSettingsEditorTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    public static TheoryData<string, BridgeSettings, string> Invalid => new()
    {
        { "domain", new BridgeSettings("Core", "not a domain!", 1000, 10), "'not a domain!' is not a domain name" },
        { "base zero", new BridgeSettings("Core", "video.example.com", 0, 10), "numeric ID base must be between 1 and 2147483647" },
        { "base too large", new BridgeSettings("Core", "video.example.com", 2_147_483_648, 10), "numeric ID base must be between 1 and 2147483647" },
        { "quantity zero", new BridgeSettings("Core", "video.example.com", 1000, 0), "numeric ID quantity must be between 1 and 50" },
        { "quantity over the maximum", new BridgeSettings("Core", "video.example.com", 1000, 51), "numeric ID quantity must be between 1 and 50" },
        { "web bridge not https", new BridgeSettings("Core", null, null, null, WebBridgeUri: "http://join.example.com"), "'http://join.example.com' is not an https address" },
        { "web bridge not a URI", new BridgeSettings("Core", null, null, null, WebBridgeUri: "join"), "'join' is not an https address" },
        { "unknown preferred node", new BridgeSettings("Core", null, null, null, PreferredNodeId: Guid.Empty), $"The preferred node {Guid.Empty} is not a node of this bridge." },
        { "time zone", new BridgeSettings("Core", null, null, null, TimeZone: "Europe/Atlantis"), "'Europe/Atlantis' is not an IANA time zone" },
        { "prefix with $", new BridgeSettings("Core", null, null, null, PlaceholderPrefix: "Meeting_$"), "placeholder name prefix" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Invalid))]
    public async Task Update_InvalidValue_Returns400NamingItAndKeepsNothing(string what, BridgeSettings settings, string detail)
    {
        Assert.NotNull(what);
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync(s => s["Convene:Placeholders:MaxQuantity"] = "50");
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", settings, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("/invalid-settings", problem.Type, StringComparison.Ordinal);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        var after = await GetBridgeAsync(client, bridge.Id);
        Assert.Null(after.Name);
        Assert.Null(after.Domain);
        Assert.Equal(ProvisioningState.NotConfigured, after.Provisioning);
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_ValidExtendedSettings_KeepsThemAndMarksThePreferredNode()
    {
        var cluster = await StartClusterAsync(3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var core3 = bridge.Nodes.Single(n => n.Name == "CallBridge-Core3");

        var saved = await PutSettingsAsync(client, bridge.Id, new BridgeSettings(" CMS Core Primary ", "Video.Example.com", 1, 5,
            AllowBooking: false, WebBridgeUri: "https://join.example.com", TimeZone: "America/New_York", PreferredNodeId: core3.Id));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal("CMS Core Primary", saved.Name);
        Assert.Equal("video.example.com", saved.Domain);
        Assert.Equal((1L, 5), (saved.NumericIdBase!.Value, saved.NumericIdQuantity!.Value));
        Assert.False(saved.AllowBooking);
        Assert.Equal("https://join.example.com", saved.WebBridgeUri);
        Assert.Equal("America/New_York", saved.TimeZone);
        Assert.True(saved.Nodes.Single(n => n.Id == core3.Id).IsPreferred);
        Assert.Single(saved.Nodes, n => n.IsPreferred);
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_RangeOverlappingAnotherBridge_Returns409()
    {
        var first = await StartClusterAsync(2);
        var second = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var a = await AddBridgeAsync(client, first);
        var b = await AddBridgeAsync(client, second);
        await PutSettingsAsync(client, a.Id, new BridgeSettings("A", "a.example.com", 100, 10));
        await convene.ProvisioningIdleAsync(a.Id);

        var response = await client.PutAsJsonAsync($"/api/bridges/{b.Id}/settings", new BridgeSettings("B", "b.example.com", 109, 10), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("/range-overlap", problem.Type, StringComparison.Ordinal);
        Assert.Contains("overlap those of A (100–109)", problem.Title, StringComparison.Ordinal);
        Assert.Null((await GetBridgeAsync(client, b.Id)).NumericIdBase);
        Assert.DoesNotContain(await second.SpacesAsync(), s => s.Uri == "109");

        // Next to it is fine.
        await PutSettingsAsync(client, b.Id, new BridgeSettings("B", "b.example.com", 110, 10));
        await convene.ProvisioningIdleAsync(b.Id);
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, b.Id)).Provisioning);
    }
}

public sealed class BridgeSettingsEditorTests_Sqlite() : BridgeSettingsEditorTests(DatabaseKind.Sqlite, null);

public sealed class BridgeSettingsEditorTests_Postgres(PostgresServer postgres) : BridgeSettingsEditorTests(DatabaseKind.Postgres, postgres);
