using System.Net;
using System.Text;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary>The objects that are only their parameters (call profiles, call leg profiles, tenants, CDR
/// receivers) and the version-dependent system answers.</summary>
public sealed class ProfilesAndSystemApiTests
{
    private const string MissingId = "5d1e3a6c-0000-4000-8000-0000000000bb";

    private static Task<CmsSimulatorHost> StartAsync(Action<CmsSimulatorOptions>? configure = null) =>
        CmsSimulatorHost.StartAsync(configure, cancellationToken: TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("/api/v1/callProfiles", "callProfileDoesNotExist")]
    [InlineData("/api/v1/callLegProfiles", "callLegProfileDoesNotExist")]
    [InlineData("/api/v1/tenants", "tenantDoesNotExist")]
    [InlineData("/api/v1/callBridges", "callBridgeDoesNotExist")]
    [InlineData("/api/v1/system/cdrReceivers", "cdrReceiverDoesNotExist")]
    [InlineData("/api/v1/calls", "callDoesNotExist")]
    [InlineData("/api/v1/callLegs", "callLegDoesNotExist")]
    [InlineData("/api/v1/participants", "participantDoesNotExist")]
    public async Task MissingObject_GetPutDelete_Returns404WithItsReason(string collection, string reason)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            if (collection.EndsWith("participants", StringComparison.Ordinal) && method == HttpMethod.Delete)
            {
                continue;
            }
            await http.RefusedAsync(method, $"{collection}/{MissingId}", method == HttpMethod.Put ? "name=x" : null, HttpStatusCode.NotFound, reason);
        }
    }

    [Fact]
    public async Task CallProfile_PutSomeParameters_ChangesOnlyThoseAndEmptyClears()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var id = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=100&locked=true&recordingMode=manual", "/api/v1/callProfiles/");

        await http.PutAsync($"/api/v1/callProfiles/{id}", "participantLimit=50&locked=");

        var profile = await http.GetAsync($"/api/v1/callProfiles/{id}");
        Assert.Equal(["participantLimit", "recordingMode"], profile.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("50", "manual"), (profile.Value("participantLimit"), profile.Value("recordingMode")));
        var list = await http.GetAsync("/api/v1/callProfiles");
        Assert.Equal(id, Assert.Single(list.Elements("callProfile")).Attribute("id")?.Value);
    }

    [Theory]
    [InlineData("/api/v1/callProfiles", "participantLimit=lots", "participantLimit")]
    [InlineData("/api/v1/callProfiles", "recordingMode=sometimes", "recordingMode")]
    [InlineData("/api/v1/callLegProfiles", "defaultLayout=mosaic", "defaultLayout")]
    [InlineData("/api/v1/callLegProfiles", "muteSelfAllowed=perhaps", "muteSelfAllowed")]
    [InlineData("/api/v1/tenants", "participantLimit=-3", "participantLimit")]
    public async Task Profile_InvalidValue_Returns400ParameterErrorAndCreatesNothing(string collection, string form, string parameter)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.InvalidValueAsync(HttpMethod.Post, collection, form, parameter);

        Assert.Equal("0", (await http.GetAsync(collection)).Attribute("total")?.Value);
    }

    [Theory]
    [InlineData("referenced", true)]
    [InlineData("Referenced", true)]
    [InlineData("unreferenced", false)]
    public async Task CallProfiles_UsageFilter_SplitsReferencedFromUnused(string filter, bool referenced)
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);
        var used = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=10");
        var unused = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=20");
        await http.CreateAsync("/api/v1/coSpaces", $"name=User&callProfile={used}");

        var list = await http.GetAsync($"/api/v1/callProfiles?usageFilter={filter}");

        Assert.Equal(referenced ? used : unused, Assert.Single(list.Elements("callProfile")).Attribute("id")?.Value);
    }

    [Fact]
    public async Task CallProfiles_UnknownUsageFilter_Returns400ParameterError()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.InvalidValueAsync(HttpMethod.Get, "/api/v1/callProfiles?usageFilter=sometimes", null, "usageFilter");
    }

    [Fact]
    public async Task Tenant_WithUnknownCallProfile_Returns400CallProfileDoesNotExist()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.RefusedAsync(HttpMethod.Post, "/api/v1/tenants", $"name=Acme&callProfile={MissingId}", HttpStatusCode.BadRequest, "callProfileDoesNotExist");
    }

    [Fact]
    public async Task CdrReceiver_PostedOnAnUppercasePath_AnswersTheCanonicalLocation()
    {
        await using var sim = await StartAsync();
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.CreateAsync("/API/V1/SYSTEM/CDRRECEIVERS", "uri=http://127.0.0.1:9/cdr", "/api/v1/system/cdrReceivers/");
    }

    [Theory]
    [InlineData("3.9.2")]
    [InlineData("3.0")]
    public async Task MessageBoardEnabled_OnVersion3_Returns400ParameterError(string version)
    {
        await using var sim = await StartAsync(o => o.SoftwareVersion = version);
        using var http = new CmsHttp(sim.Nodes[0]);

        await http.InvalidValueAsync(HttpMethod.Post, "/api/v1/callProfiles", "participantLimit=1000&messageBoardEnabled=false", "messageBoardEnabled");

        Assert.Equal("0", (await http.GetAsync("/api/v1/callProfiles")).Attribute("total")?.Value);
    }

    [Theory]
    [InlineData("2.0(RC)")]
    [InlineData("2.9.1")]
    public async Task MessageBoardEnabled_OnVersion2_IsAccepted(string version)
    {
        await using var sim = await StartAsync(o => o.SoftwareVersion = version);
        using var http = new CmsHttp(sim.Nodes[0]);

        var id = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=1000&messageBoardEnabled=false");

        Assert.Equal("false", (await http.GetAsync($"/api/v1/callProfiles/{id}")).Value("messageBoardEnabled"));
        Assert.Equal(version, (await http.GetAsync("/api/v1/system/status")).Value("softwareVersion"));
    }

    [Fact]
    public async Task Status_OnVersion3_HasClusterIdAndNoActivated()
    {
        await using var sim = await StartAsync();
        using var core1 = new CmsHttp(sim.Nodes[0]);
        using var core2 = new CmsHttp(sim.Nodes[1]);

        var one = await core1.GetAsync("/api/v1/system/status");
        var two = await core2.GetAsync("/api/v1/system/status");

        Assert.Null(one.Element("activated"));
        Assert.Matches("^[0-9a-f-]{36}$", one.Value("clusterId") ?? "");
        Assert.Equal(one.Value("clusterId"), two.Value("clusterId"));
    }

    [Fact]
    public async Task Status_OnVersion3_HasOneHostIdPerNodeFirst()
    {
        await using var sim = await StartAsync();
        using var core1 = new CmsHttp(sim.Nodes[0]);
        using var core2 = new CmsHttp(sim.Nodes[1]);

        var one = await core1.GetAsync("/api/v1/system/status");
        var two = await core2.GetAsync("/api/v1/system/status");

        Assert.Equal("hostId", one.Elements().First().Name.LocalName);
        Assert.Matches("^[0-9a-f-]{36}$", one.Value("hostId") ?? "");
        Assert.NotEqual(one.Value("hostId"), two.Value("hostId"));
    }
}
