using System.Net;
using System.Net.Http.Json;
using System.Text;
using Convene.Bridges;

namespace Convene.Tests.Bridges;

/// <summary>What a request may carry: errors by field, no framework text, no echo of a secret or of a
/// huge input; PUT replaces the settings and PATCH changes some; every route under an unknown bridge is 404.</summary>
public abstract class BridgeInputTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Add_AddressWithCredentials_Returns400WithoutEchoingOrStoringThem()
    {
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge("http://user:hunter2secret@127.0.0.1:1", "admin", "secret"), Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("hunter2secret", body, StringComparison.Ordinal);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("/credentials-in-address", problem.Type, StringComparison.Ordinal);
        Assert.Contains("address", problem.Errors().Keys);
        Assert.Empty((await convene.Client().GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_WrongTypesAndEmptyFields_NameTheFieldsWithoutFrameworkText()
    {
        var convene = await StartConveneAsync();
        var client = convene.Client();

        using var wrongType = await client.PostAsync("/api/bridges", new StringContent("{\"address\": 5}", Encoding.UTF8, "application/json"), Ct);
        using var empty = await client.PostAsJsonAsync("/api/bridges", new AddBridge(" ", "", "", CertificateSha256: "12:34"), Ct);
        using var noBody = await client.PutAsync($"/api/bridges/{Guid.NewGuid()}/settings", null, Ct);

        var typeProblem = await ProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.Contains("address", typeProblem.Errors().Keys);
        var emptyProblem = await ProblemAsync(empty, HttpStatusCode.BadRequest);
        Assert.Equal(["address", "certificateSha256", "password", "username"], emptyProblem.Errors().Keys.Order(StringComparer.Ordinal));
        var noBodyText = await noBody.Content.ReadAsStringAsync(Ct);
        Assert.Equal(["body"], (await ProblemAsync(noBody, HttpStatusCode.BadRequest)).Errors().Keys);
        foreach (var text in new[] { await wrongType.Content.ReadAsStringAsync(Ct), await empty.Content.ReadAsStringAsync(Ct), noBodyText })
        {
            Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed to read parameter", text, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_HugeOrControlCharacterValues_AreRefusedByFieldWithoutEchoingThem()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var huge = new string('x', 100_000) + ".example.com";

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings",
            new BridgeSettings("Core\u0007", huge, 1000, 10, PlaceholderPrefix: "Meeting\n"), Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(body.Length < 4000, $"The answer is {body.Length} characters long.");
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["domain", "name", "placeholderPrefix"], problem.Errors().Keys.Order(StringComparer.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(2_147_483_648L, 1, "numericIdBase")]
    [InlineData(2_147_483_640L, 10, "numericIdQuantity")]
    [InlineData(0L, 10, "numericIdBase")]
    public async Task Update_RangeBeyondACmsCallId_Returns400NamingTheField(long start, int quantity, string field)
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        var response = await client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new BridgeSettings("Core", "video.example.com", start, quantity), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.Errors().Keys);
        Assert.Equal(ProvisioningState.NotConfigured, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_LastIdIsTheLargestCallId_IsAccepted()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        var saved = await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 2_147_483_638, 10));
        await convene.ProvisioningIdleAsync(bridge.Id);

        Assert.Equal(2_147_483_638, saved.NumericIdBase);
        Assert.Equal(ProvisioningState.Complete, (await GetBridgeAsync(client, bridge.Id)).Provisioning);
    }

    [Fact(Timeout = 60_000)]
    public async Task Put_EmptyObject_Returns400NamingTheMissingSettingsAndKeepsThem()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", null, null));

        using var response = await client.PutAsync($"/api/bridges/{bridge.Id}/settings", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["domain", "name", "numericIdBase", "numericIdQuantity"], problem.Errors().Keys.Order(StringComparer.Ordinal));
        var after = await GetBridgeAsync(client, bridge.Id);
        Assert.Equal(("Core", "video.example.com"), (after.Name, after.Domain));
    }

    [Fact(Timeout = 60_000)]
    public async Task Patch_OneSetting_ChangesItAndKeepsTheOthers()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", null, null, AllowBooking: false, TimeZone: "Europe/Lisbon"));

        using var response = await client.PatchAsync($"/api/bridges/{bridge.Id}/settings", JsonContent.Create(new { Name = "Lisbon core" }), Ct);
        using var unknown = await client.PatchAsync($"/api/bridges/{bridge.Id}/settings", JsonContent.Create(new { Nmae = "typo" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
        Assert.Equal(("Lisbon core", "video.example.com", false, "Europe/Lisbon"), (after.Name, after.Domain, after.AllowBooking, after.TimeZone));
        Assert.Contains("nmae", (await ProblemAsync(unknown, HttpStatusCode.BadRequest)).Errors().Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Put_SameSettingsManyTimesAtOnce_EachIs200Or409NeverA500()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/settings", new BridgeSettings($"Core {i}", null, null, null), Ct)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await ProblemAsync(conflict, HttpStatusCode.Conflict);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task UpdateNode_BadPinAndLongPassword_Return400ByFieldAndAnOverrideCanBeCleared()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var peer = bridge.Nodes.Single(n => !n.IsSeed);
        var path = $"/api/bridges/{bridge.Id}/nodes/{peer.Id}";
        var pin = string.Concat(Enumerable.Repeat("AB", 32));

        using var bad = await client.PutAsJsonAsync(path, new NodeSettings(null, "user:name", new string('p', 1000), "12:34"), Ct);
        using var set = await client.PutAsJsonAsync(path, new NodeSettings(null, "peer-user", "peer-password", pin), Ct);
        var withOverride = (await set.Content.ReadFromJsonAsync<BridgeDto>(Ct))!.Nodes.Single(n => n.Id == peer.Id);
        using var cleared = await client.PutAsJsonAsync(path, new NodeSettings(null, "", "", ""), Ct);

        Assert.Equal(["certificateSha256", "password", "username"], (await ProblemAsync(bad, HttpStatusCode.BadRequest)).Errors().Keys.Order(StringComparer.Ordinal));
        Assert.Equal((pin, "peer-user", true), (withOverride.CertificateSha256, withOverride.Username, withOverride.HasOwnPassword));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = (await cleared.Content.ReadFromJsonAsync<BridgeDto>(Ct))!.Nodes.Single(n => n.Id == peer.Id);
        Assert.Equal((null, null, false), (after.CertificateSha256, after.Username, after.HasOwnPassword));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("GET", "")]
    [InlineData("GET", "/placeholders")]
    [InlineData("GET", "/tickets")]
    [InlineData("GET", "/ticket-filters")]
    [InlineData("PUT", "/ticket-filters")]
    [InlineData("GET", "/status")]
    [InlineData("POST", "/status/refresh")]
    [InlineData("PUT", "/settings")]
    [InlineData("PATCH", "/settings")]
    [InlineData("POST", "/provision")]
    [InlineData("PUT", "/nodes/00000000-0000-0000-0000-000000000001")]
    [InlineData("DELETE", "")]
    public async Task Route_UnderAnUnknownBridge_Returns404(string method, string path)
    {
        var convene = await StartConveneAsync();
        var body = path switch
        {
            "/ticket-filters" => "[]",
            "/settings" => "{\"name\":null,\"domain\":null,\"numericIdBase\":null,\"numericIdQuantity\":null}",
            _ => "{}",
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/bridges/{Guid.NewGuid()}{path}")
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await convene.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class BridgeInputTests_Sqlite() : BridgeInputTests(DatabaseKind.Sqlite, null);

public sealed class BridgeInputTests_Postgres(PostgresServer postgres) : BridgeInputTests(DatabaseKind.Postgres, postgres);
