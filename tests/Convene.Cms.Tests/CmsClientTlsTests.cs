using Convene.Cms.Simulator;

namespace Convene.Cms.Tests;

public sealed class CmsClientTlsTests
{
    private static readonly CmsClientOptions Quick = new() { RetryDelay = TimeSpan.Zero, MaxRetries = 2 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSystemStatusAsync_SelfSignedWithoutPin_CertificateAndNotRetried()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Certificate = certificate);
        using var client = Client(cluster, pin: null);
        using var tally = CmsRequestTally.Start();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Certificate, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("pin", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tally.Count);
        Assert.Empty(await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetSystemStatusAsync_RightPin_Works()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Certificate = certificate);
        using var client = Client(cluster, SelfSignedCertificate.Sha256Fingerprint(certificate));

        var status = await client.GetSystemStatusAsync(Ct);

        Assert.Equal("3.9.2", status.SoftwareVersion);
        Assert.Equal("https", client.Endpoint.BaseAddress.Scheme);
        Assert.Equal(["GET /api/v1/system/status"], await cluster.RequestsAsync());
    }

    [Fact]
    public async Task GetSystemStatusAsync_RightPinWithColonsInLowerCase_Works()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Certificate = certificate);
        var hex = SelfSignedCertificate.Sha256Fingerprint(certificate).ToLowerInvariant();
        using var client = Client(cluster, string.Join(':', hex.Chunk(2).Select(c => new string(c))));

        Assert.NotNull(await client.GetSystemStatusAsync(Ct));
    }

    [Fact]
    public async Task GetSystemStatusAsync_WrongPin_Certificate()
    {
        using var certificate = SelfSignedCertificate.Create();
        using var other = SelfSignedCertificate.Create();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Certificate = certificate);
        using var client = Client(cluster, SelfSignedCertificate.Sha256Fingerprint(other));

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Certificate, error.Kind);
        Assert.Contains("pinned", error.Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.RequestsAsync());
    }

    [Fact]
    public async Task CreateSpaceAsync_WrongPin_CertificateAndNothingCreated()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Certificate = certificate);
        using var client = Client(cluster, new string('A', 64));

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));

        Assert.Equal(CmsErrorKind.Certificate, error.Kind);
        Assert.Empty(await cluster.RequestsAsync());
    }

    [Theory]
    [InlineData("http://10.0.0.1")]
    [InlineData("http://cms1.example.com:445")]
    [InlineData("http://127.0.0.1.example.com")]
    [InlineData("ftp://127.0.0.1")]
    public void CmsEndpoint_PlainHttpToRemoteOrOtherScheme_Refused(string address)
    {
        Assert.Throws<ArgumentException>(() => new CmsEndpoint(new Uri(address), "admin", "pw"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9441")]
    [InlineData("http://localhost:9441")]
    [InlineData("http://[::1]:9441")]
    [InlineData("https://10.0.0.1:445")]
    public void CmsEndpoint_HttpsOrLoopbackHttp_Accepted(string address)
    {
        var endpoint = new CmsEndpoint(new Uri(address + "/api/v1"), "admin", "pw");

        Assert.Equal(new Uri(address + "/"), endpoint.BaseAddress);
    }

    [Theory]
    [InlineData("10.0.0.1:445", "https://10.0.0.1:445/")]
    [InlineData("cms1.example.com", "https://cms1.example.com/")]
    [InlineData(" https://cms1.example.com:8443/api/v1 ", "https://cms1.example.com:8443/api/v1")]
    public void ParseAddress_AsAnAdministratorTypesIt_HttpsAssumed(string typed, string expected)
    {
        var address = CmsEndpoint.ParseAddress(typed);

        Assert.Equal(new Uri(expected), address);
        Assert.Equal(new Uri(expected).GetLeftPart(UriPartial.Authority) + "/", new CmsEndpoint(address, "admin", "pw").BaseAddress.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1:445/admin")]
    [InlineData("https://")]
    [InlineData("10.0.0.1:notaport")]
    public void ParseAddress_NotAnAddress_ThrowsFormatException(string typed)
    {
        Assert.Throws<FormatException>(() => CmsEndpoint.ParseAddress(typed));
    }

    [Fact]
    public void CmsEndpoint_PinNotSha256_Refused()
    {
        Assert.Throws<ArgumentException>(() => new CmsEndpoint(new Uri("https://10.0.0.1"), "admin", "pw", certificateSha256: "AB:CD"));
    }

    [Fact]
    public void CmsEndpoint_ToString_NamesUserNeverPassword()
    {
        var endpoint = new CmsEndpoint(new Uri("https://10.0.0.1:445"), "api-user", "Very$ecret1");

        Assert.Equal("10.0.0.1:445 (https://10.0.0.1:445/, user api-user)", endpoint.ToString());
        Assert.DoesNotContain("Very$ecret1", endpoint.ToString(), StringComparison.Ordinal);
    }

    private static CmsClient Client(SimulatedCluster cluster, string? pin)
    {
        var node = cluster.Host.Nodes[0];
        Assert.Equal("https", node.ApiUrl.Scheme);
        return new CmsClient(new CmsEndpoint(node.ApiUrl, node.Username, node.Password, pin, node.Name), Quick);
    }
}
