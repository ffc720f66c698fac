using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;
using Convene.Cms;
using Convene.Cms.Simulator;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Bridges;

/// <summary>Adding a CMS as the seed's "Adição de CMS ao TMS" does, and refusing what cannot be added.</summary>
public abstract class BridgeOnboardingTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Theory(Timeout = 60_000)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Add_Cluster_DiscoversEveryNodeAndMakesTheProfiles(int nodes)
    {
        var cluster = await StartClusterAsync(nodes);
        var convene = await StartConveneAsync();
        var address = AddressOf(cluster);

        var bridge = await AddBridgeAsync(convene.Client(), cluster);

        Assert.Equal($"No Name ({address})", bridge.DisplayName);
        Assert.Null(bridge.Name);
        Assert.Equal(BridgeState.Active, bridge.State);
        Assert.Equal("3.9.2", bridge.SoftwareVersion);
        Assert.True(bridge.ClusterEnabled);
        Assert.Equal("UTC", bridge.TimeZone);
        Assert.Equal(ProvisioningState.NotConfigured, bridge.Provisioning);
        Assert.Equal(Enumerable.Range(1, nodes).Select(i => $"CallBridge-Core{i}"), bridge.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(cluster.Nodes.Select(n => n.CallBridgeId).Order(StringComparer.Ordinal), bridge.Nodes.Select(n => n.CallBridgeId!).Order(StringComparer.Ordinal));
        var seed = Assert.Single(bridge.Nodes, n => n.IsSeed);
        Assert.Equal("CallBridge-Core1", seed.Name);
        Assert.Equal(address, seed.ApiAddress);
        Assert.Equal(cluster.Nodes[0].Username, seed.Username);
        foreach (var node in bridge.Nodes)
        {
            var simulated = cluster.Node(node.Name);
            Assert.Equal(simulated.CallBridgeId, node.CallBridgeId);
            Assert.Equal(simulated.ApiUrl.GetLeftPart(UriPartial.Authority), CmsEndpoint.ParseAddress(node.ApiAddress!).GetLeftPart(UriPartial.Authority));
            Assert.False(node.HasOwnPassword);
        }

        var requests = await RequestsAsync(cluster);

        // The profiles are on the bridge, as the seed's requests made them.
        var (callProfileId, legProfileId) = await convene.DbAsync(async db =>
        {
            var row = await db.Bridges.SingleAsync(b => b.Id == bridge.Id, Ct);
            return (row.CallProfileId!, row.CallLegProfileId!);
        });
        using var cms = cluster.Client(nodes - 1);
        var callProfile = await cms.GetCallProfileAsync(callProfileId, Ct);
        Assert.Equal(1000, callProfile.ParticipantLimit);
        var legProfile = await cms.GetCallLegProfileAsync(legProfileId, Ct);
        Assert.Equal(Layout.Telepresence, legProfile.DefaultLayout);

        // The requests are the seed's (trace 8889–8894), plus Convene's read of the cluster configuration
        // (to know which node it was given); all went to the node it was given.
        Assert.All(requests, r => Assert.Equal("CallBridge-Core1", r.Node));
        var ids = (await ListedCallBridgeIdsAsync(cluster)).ToList();
        Assert.Equal(
        [
            "GET /api/v1/system/status",
            "GET /api/v1/callBridges?offset=0&limit=50",
            .. ids.Select(id => $"GET /api/v1/callBridges/{id}"),
            "POST /api/v1/callProfiles",
            "POST /api/v1/callLegProfiles",
        ], requests.Select(r => r.Line).Where(l => l != "GET /api/v1/system/configuration/cluster"));
        Assert.Single(requests, r => r.Line == "GET /api/v1/system/configuration/cluster");
        // The bridge's Logs tab shows the add: the detection's requests, sent before the bridge existed, are filed under it.
        var logged = convene.Services.GetRequiredService<BridgeRequestLog>().Latest(bridge.Id).Reverse();
        Assert.Equal(requests.Select(r => $"{r.Node} {r.Line}"), logged.Select(r => $"{r.Node} {r.Method} {r.Path}"));
        Assert.Equal("participantLimit=1000", requests.Single(r => r.Line == "POST /api/v1/callProfiles").Body);
        Assert.Equal("defaultLayout=telepresence&changeLayoutAllowed=true&presentationContributionAllowed=true&presentationViewingAllowed=true&muteSelfAllowed=true&videoMuteSelfAllowed=true",
            requests.Single(r => r.Line == "POST /api/v1/callLegProfiles").Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_Version2_SendsMessageBoardEnabledFalseAsTmsDid()
    {
        var cluster = await StartClusterAsync(2, o => o.SoftwareVersion = "2.0(RC)");
        var convene = await StartConveneAsync();

        var bridge = await AddBridgeAsync(convene.Client(), cluster);

        Assert.Equal("2.0(RC)", bridge.SoftwareVersion);
        var requests = await RequestsAsync(cluster);
        Assert.Equal("participantLimit=1000&messageBoardEnabled=false", requests.Single(r => r.Line == "POST /api/v1/callProfiles").Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_AnotherNodeOfAManagedCluster_Returns409WithTheSeedsMessage()
    {
        var cluster = await StartClusterAsync(3);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        var before = await RequestsAsync(cluster);

        var response = await client.PostAsJsonAsync("/api/bridges", AddRequest(cluster, node: 1), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal($"{AddressOf(cluster, 1)} is part of a clustered call bridge already managed as {bridge.DisplayName} (added through {bridge.Address}).",
            problem.Title);
        Assert.EndsWith("/already-managed", problem.Type, StringComparison.Ordinal);
        Assert.Single((await client.GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
        Assert.Equal(before.Count(r => r.Line.StartsWith("POST", StringComparison.Ordinal)), (await RequestsAsync(cluster)).Count(r => r.Line.StartsWith("POST", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_UnreachableAddress_Returns422AndKeepsNothing()
    {
        var convene = await StartConveneAsync();
        var port = ClosedPort();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge($"http://127.0.0.1:{port}", "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/bridge-unreachable", problem.Type, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", problem.Title, StringComparison.Ordinal);
        await AssertNothingKeptAsync(convene);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_WrongPassword_Returns422AndTouchesNothing()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster) with { Password = "not-the-password" }, Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/authentication-failed", problem.Type, StringComparison.Ordinal);
        Assert.Equal($"Authentication failed: the CMS at {AddressOf(cluster)} refused the API user and password.", problem.Title);
        await AssertNothingKeptAsync(convene, cluster);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_AWebServerThatIsNotACms_Returns422AndKeepsNothing()
    {
        await using var web = await HtmlServer.StartAsync();
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(web.Address, "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/not-a-cms", problem.Type, StringComparison.Ordinal);
        Assert.Contains(web.Address, problem.Title, StringComparison.Ordinal);
        await AssertNothingKeptAsync(convene);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_CertificateNotMatchingThePin_Returns422AndTouchesNothing()
    {
        using var certificate = SelfSignedCertificate.Create();
        var cluster = await StartClusterAsync(2, o => o.Certificate = certificate);
        var convene = await StartConveneAsync();
        var wrongPin = string.Concat(Enumerable.Repeat("AB", 32));

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster) with { CertificateSha256 = wrongPin }, Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/certificate-not-trusted", problem.Type, StringComparison.Ordinal);
        await AssertNothingKeptAsync(convene, cluster, SelfSignedCertificate.Sha256Fingerprint(certificate));
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_HttpsWithTheRightPin_AddsTheBridge()
    {
        using var certificate = SelfSignedCertificate.Create();
        var cluster = await StartClusterAsync(2, o => o.Certificate = certificate);
        var convene = await StartConveneAsync();
        var pin = SelfSignedCertificate.Sha256Fingerprint(certificate);
        var hostPort = cluster.Nodes[0].ApiUrl.Authority;

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster) with { Address = hostPort, CertificateSha256 = pin }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bridge = (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!;
        Assert.Equal($"No Name ({hostPort})", bridge.DisplayName);
        Assert.Equal(pin, bridge.Nodes.Single(n => n.IsSeed).CertificateSha256);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("not an address", "invalid-address")]
    [InlineData("ftp://127.0.0.1:21", "invalid-address")]
    [InlineData("https://127.0.0.1:445/some/page", "invalid-address")]
    [InlineData("", "invalid-request")]
    public async Task Add_InvalidAddressText_Returns400AndKeepsNothing(string address, string type)
    {
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(address, "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("/" + type, problem.Type, StringComparison.Ordinal);
        await AssertNothingKeptAsync(convene);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_MalformedCertificatePin_Returns400NamingThePinNotTheAddress()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster) with { CertificateSha256 = "12:34" }, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("/invalid-certificate-pin", problem.Type, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync(cluster));
        await AssertNothingKeptAsync(convene);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_InvalidTimeZone_Returns400BeforeTouchingTheBridge()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster, timeZone: "Mars/Olympus_Mons"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("/invalid-time-zone", problem.Type, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", problem.Title, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync(cluster));
        await AssertNothingKeptAsync(convene, cluster);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_WithATimeZone_KeepsIt()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", AddRequest(cluster, timeZone: "Europe/Lisbon"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Europe/Lisbon", (await response.Content.ReadFromJsonAsync<BridgeDto>(Ct))!.TimeZone);
    }

    /// <summary>No bridge, node or ticket in the database, and (when there is a bridge) no profile made on it.</summary>
    private static async Task AssertNothingKeptAsync(ConveneFactory convene, CmsSimulatorHost? cluster = null, string? pin = null)
    {
        Assert.Empty((await convene.Client().GetFromJsonAsync<List<BridgeDto>>("/api/bridges", Ct))!);
        Assert.Equal(0, await convene.DbAsync(db => db.BridgeNodes.CountAsync(Ct)));
        Assert.Equal(0, await convene.DbAsync(db => db.Tickets.CountAsync(Ct)));
        if (cluster is not null)
        {
            using var cms = cluster.Client(pin: pin);
            Assert.Empty(await cms.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
            Assert.Empty(await cms.ListCallLegProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
        }
    }

    private static async Task<string[]> ListedCallBridgeIdsAsync(CmsSimulatorHost cluster)
    {
        using var cms = cluster.Client();
        return (await cms.ListCallBridgesAsync(Ct).ToListAsync(Ct)).Select(b => b.Id).ToArray();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class BridgeOnboardingTests_Sqlite() : BridgeOnboardingTests(DatabaseKind.Sqlite, null);

public sealed class BridgeOnboardingTests_Postgres(PostgresServer postgres) : BridgeOnboardingTests(DatabaseKind.Postgres, postgres);
