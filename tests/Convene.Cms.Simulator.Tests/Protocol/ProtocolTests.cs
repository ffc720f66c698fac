using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Convene.Cms.Simulator.Tests.Protocol;

/// <summary>The protocol rules every endpoint shares (reference §2): authentication, paths and
/// parameter names in any case, form bodies, failures, per-node versus shared objects.</summary>
public sealed class ProtocolTests
{
    private const string MissingId = "5d1e3a6c-0000-4000-8000-0000000000bb";

    private static Task<CmsSimulatorHost> StartAsync(Action<CmsSimulatorOptions>? configure = null) =>
        CmsSimulatorHost.StartAsync(configure, cancellationToken: TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("")]
    [InlineData("admin:wrong")]
    [InlineData("root:{password}")]
    [InlineData("garbage-not-base64")]
    public async Task Request_WithoutValidCredentials_Returns401WithAcanoRealm(string credentials)
    {
        await using var sim = await StartAsync();
        var node = sim.Nodes[0];
        using var http = new HttpClient { BaseAddress = node.ApiUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/status");
        if (credentials.Length > 0)
        {
            var value = credentials.Contains(':', StringComparison.Ordinal)
                ? Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Replace("{password}", node.Password, StringComparison.Ordinal)))
                : credentials;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", value);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        AssertChallenge(response);
    }

    [Fact]
    public async Task Request_WithTheOtherNodesPassword_Returns401()
    {
        await using var sim = await StartAsync();
        var (core1, core2) = (sim.Nodes[0], sim.Nodes[1]);
        using var http = new CmsHttp(core2, core1.Username, core1.Password);

        using var response = await http.SendAsync(HttpMethod.Get, "/api/v1/coSpaces");

        AssertChallenge(response);
        using var own = new CmsHttp(core2);
        await own.GetAsync("/api/v1/coSpaces");
    }

    [Theory]
    [InlineData("/API/V1/COSPACES")]
    [InlineData("/Api/v1/cospaces")]
    [InlineData("/api/v1/coSpaces/")]
    [InlineData("/api/v1//coSpaces")]
    public async Task Path_AnyCaseOrTrailingSlash_ReachesTheSameCollection(string path)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var id = await http.CreateAsync(path, "name=Anywhere", "/api/v1/coSpaces/");

        var list = await http.GetAsync(path);

        Assert.Equal(id, Assert.Single(list.Elements("coSpace")).Attribute("id")?.Value);
        Assert.Equal("Anywhere", (await http.GetAsync($"{path.TrimEnd('/')}/{id.ToUpperInvariant()}/")).Value("name"));
    }

    [Fact]
    public async Task QueryParameterNames_AnyCase_AreRecognised()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var a = await http.CreateAsync("/api/v1/coSpaces", "name=Alpha");
        var b = await http.CreateAsync("/api/v1/coSpaces", "name=Beta");
        await http.CreateAsync("/api/v1/calls", $"coSpace={a}");
        var callB = await http.CreateAsync("/api/v1/calls", $"coSpace={b}");

        var calls = await http.GetAsync($"/api/v1/calls?coSpacefilter={b}");
        var spaces = await http.GetAsync("/api/v1/coSpaces?FILTER=alp&LIMIT=1&Offset=0");

        Assert.Equal(callB, Assert.Single(calls.Elements("call")).Attribute("id")?.Value);
        Assert.Equal("1", calls.Attribute("total")?.Value);
        Assert.Equal(a, Assert.Single(spaces.Elements("coSpace")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task FormParameterNames_AnyCase_AreRecognised()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var id = await http.CreateAsync("/api/v1/coSpaces", "NAME=Shouted&Uri=shouted&NONMEMBERACCESS=false");

        var space = await http.GetAsync($"/api/v1/coSpaces/{id}");
        Assert.Equal(("Shouted", "shouted", "false"), (space.Value("name"), space.Value("uri"), space.Value("nonMemberAccess")));
    }

    [Theory]
    [InlineData("/api/v1/frobnicators")]
    [InlineData("/api/v1")]
    [InlineData("/api/v2/coSpaces")]
    [InlineData("/index.html")]
    [InlineData("/api/v1/system/nothing")]
    public async Task Path_UnknownObject_Returns404UnrecognizedObject(string path)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.RefusedAsync(HttpMethod.Get, path, null, HttpStatusCode.NotFound, "unrecognizedObject");
    }

    [Fact]
    public async Task Path_UnknownChildOfASpace_Returns404UnrecognizedObject()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var id = await http.CreateAsync("/api/v1/coSpaces", "name=x");

        await http.RefusedAsync(HttpMethod.Get, $"/api/v1/coSpaces/{id}/frobnicators", null, HttpStatusCode.NotFound, "unrecognizedObject");
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/coSpaces")]
    [InlineData("DELETE", "/api/v1/coSpaces")]
    [InlineData("PUT", "/api/v1/calls")]
    [InlineData("POST", "/api/v1/callLegs")]
    [InlineData("DELETE", "/api/v1/system/status")]
    public async Task Method_NotSupportedOnThePath_FailsAndChangesNothing(string method, string path)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        await http.CreateAsync("/api/v1/coSpaces", "name=Survivor");

        var (status, _) = await http.FailAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "name=x");

        Assert.InRange((int)status, 400, 499);
        Assert.Equal("1", (await http.GetAsync("/api/v1/coSpaces")).Attribute("total")?.Value);
    }

    [Theory]
    [InlineData("&name=Leading&uri=leading")]
    [InlineData("&&name=Leading&&uri=leading&")]
    [InlineData("name=Leading&uri=leading\r\n")]
    public async Task FormBody_WithEmptyPairs_IsTolerated(string body)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var id = await http.CreateAsync("/api/v1/coSpaces", body);

        var space = await http.GetAsync($"/api/v1/coSpaces/{id}");
        Assert.Equal(("Leading", "leading"), (space.Value("name"), space.Value("uri")));
    }

    [Fact]
    public async Task FormBody_EncodedAndUnknownParameters_AreDecodedAndIgnored()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        var id = await http.CreateAsync("/api/v1/coSpaces", "name=Caf%C3%A9+%3C%26%3E+%22room%22&frobnicate=1&secret=a%3Db");

        var space = await http.GetAsync($"/api/v1/coSpaces/{id}");
        Assert.Equal(("Café <&> \"room\"", "a=b"), (space.Value("name"), space.Value("secret")));
    }

    [Theory]
    [InlineData("/api/v1/callegs")]
    [InlineData("/api/v1/calllegs")]
    [InlineData("/api/v1/CALLLEGS/")]
    public async Task CallLegs_SeedsMisspeltAndLowercasePaths_ListTheNodesLegs(string path)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var space = await http.CreateAsync("/api/v1/coSpaces", "name=Dial");
        var call = await http.CreateAsync("/api/v1/calls", $"coSpace={space}");
        var leg = await http.CreateAsync($"/api/v1/calls/{call}/callegs", "remoteParty=far.end@example.com", "/api/v1/callLegs/");

        var list = await http.GetAsync(path);

        Assert.Equal("callLegs", list.Name.LocalName);
        Assert.Equal(leg, Assert.Single(list.Elements("callLeg")).Attribute("id")?.Value);
        Assert.Equal(leg, (await http.GetAsync($"{path.TrimEnd('/')}/{leg}")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task Calls_ArePerNode_WhileSpacesAreShared()
    {
        await using var sim = await StartAsync();
        using var core1 = new CmsHttp(sim.Nodes[0]);
        using var core2 = new CmsHttp(sim.Nodes[1]);
        var space = await core1.CreateAsync("/api/v1/coSpaces", "name=Where");
        var call = await core1.CreateAsync("/api/v1/calls", $"coSpace={space}");

        Assert.Equal("1", (await core2.GetAsync("/api/v1/coSpaces")).Attribute("total")?.Value);
        Assert.Equal("0", (await core2.GetAsync("/api/v1/calls")).Attribute("total")?.Value);
        await core2.RefusedAsync(HttpMethod.Get, $"/api/v1/calls/{call}", null, HttpStatusCode.NotFound, "callDoesNotExist");
    }

    [Fact]
    public async Task CallBridges_BothNodes_AnswerTheSameSharedTable()
    {
        await using var sim = await StartAsync();
        using var core1 = new CmsHttp(sim.Nodes[0]);
        using var core2 = new CmsHttp(sim.Nodes[1]);
        var added = await core1.CreateAsync("/api/v1/callBridges", "name=CallBridge-Edge&address=https://192.0.2.9&sipDomain=edge.example.com",
            "/api/v1/callBridges/");

        var one = await core1.GetAsync("/api/v1/callBridges");
        var two = await core2.GetAsync("/api/v1/callBridges");

        Assert.Equal(one.ToString(), two.ToString());
        Assert.Equal(["CallBridge-Core1", "CallBridge-Core2", "CallBridge-Edge"], two.Elements("callBridge").Select(b => b.Value("name")));
        var edge = await core2.GetAsync($"/api/v1/callBridges/{added}");
        Assert.Equal(("https://192.0.2.9", "edge.example.com"), (edge.Value("address"), edge.Value("sipDomain")));
        await core2.RefusedAsync(HttpMethod.Post, "/api/v1/callBridges", "name=callbridge-edge", HttpStatusCode.BadRequest, "duplicateCallBridgeName");
    }

    [Fact]
    public async Task ClusterConfiguration_UniqueName_IsEachNodesCallBridgeName()
    {
        await using var sim = await StartAsync(o => o.Nodes = 3);

        foreach (var node in sim.Nodes)
        {
            using var http = new CmsHttp(node);
            var cluster = await http.GetAsync("/api/v1/system/configuration/cluster");
            Assert.Equal(node.Name, cluster.Value("uniqueName"));
            Assert.Equal(node.Name, (await http.GetAsync($"/api/v1/callBridges/{node.CallBridgeId}")).Value("name"));
        }
    }

    [Fact]
    public async Task Busy_NodeFault_Returns503UntilCleared()
    {
        await using var sim = await StartAsync();
        var core1 = sim.Nodes[0];
        using var http = new CmsHttp(core1);
        using var core2 = new CmsHttp(sim.Nodes[1]);
        sim.SetFaults(core1.Name, new NodeFaults { Busy = true });

        var (first, _) = await http.FailAsync(HttpMethod.Get, "/api/v1/system/status");
        var (second, _) = await http.FailAsync(HttpMethod.Post, "/api/v1/coSpaces", "name=Refused");
        await core2.GetAsync("/api/v1/system/status");
        sim.SetFaults(core1.Name, new NodeFaults());

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first, second));
        Assert.Equal("0", (await http.GetAsync("/api/v1/coSpaces")).Attribute("total")?.Value);
    }

    [Fact]
    public async Task Failure_Body_IsTextXmlFailureDetails()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        using var response = await http.SendAsync(HttpMethod.Get, $"/api/v1/coSpaces/{MissingId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("<?xml version=\"1.0\"?><failureDetails>", body, StringComparison.Ordinal);
    }

    private static void AssertChallenge(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal(("Basic", "realm=\"acano\""), (challenge.Scheme, challenge.Parameter));
    }
}
