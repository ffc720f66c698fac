using System.Net;
using Convene.Cms.Simulator;
using Convene.Cms.Tests.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>The errors the bridge answers (refusals, 404s, credentials) as typed <see cref="CmsApiException"/>s; transient
/// failures and retries are in <see cref="CmsClientRetryTests"/>.</summary>
public sealed class CmsClientErrorTests
{
    private static readonly CmsClientOptions Quick = new() { RetryDelay = TimeSpan.Zero };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSpaceAsync_NoSuchSpace_NotFoundCarryingMethodPathNodeStatusAndReason()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var id = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => cluster.Client().GetSpaceAsync(id, Ct));

        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.True(error.IsNotFound);
        Assert.False(error.IsTransient);
        Assert.Equal("GET", error.Method);
        Assert.Equal($"/api/v1/coSpaces/{id}", error.Path);
        Assert.Equal(cluster.Host.Nodes[0].Name, error.Node);
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal([new CmsFailureReason("coSpaceDoesNotExist")], error.Reasons);
        Assert.Contains(cluster.Host.Nodes[0].Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("coSpaceDoesNotExist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSpaceAsync_Bare404WithoutFailureDetails_IsNotFound()
    {
        await using var server = await CannedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSpaceAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.Empty(error.Reasons);
    }

    [Fact]
    public async Task CreateSpaceAsync_UriTaken_DuplicateCoSpaceUri()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        await client.CreateSpaceAsync(new SpaceChanges { Uri = "board" }, Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "board" }, Ct));

        Assert.Equal(CmsErrorKind.Duplicate, error.Kind);
        Assert.True(error.HasReason("duplicateCoSpaceUri"));
        Assert.Equal(("POST", HttpStatusCode.BadRequest), (error.Method, error.Status));
        Assert.Equal(1, await client.ListSpacesAsync(cancellationToken: Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task CreateSpaceAsync_CallIdTaken_DuplicateCoSpaceId()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        await client.CreateSpaceAsync(new SpaceChanges { Uri = "one", CallId = "1234" }, Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => cluster.Client(1).CreateSpaceAsync(new SpaceChanges { Uri = "two", CallId = "1234" }, Ct));

        Assert.Equal(CmsErrorKind.Duplicate, error.Kind);
        Assert.True(error.HasReason("duplicateCoSpaceId"));
    }

    [Fact]
    public async Task CreateSpaceAsync_LettersInPasscode_InvalidParameterNamingIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CmsApiException>(() =>
            cluster.Client().CreateSpaceAsync(new SpaceChanges { Uri = "room", Passcode = "12ab" }, Ct));

        Assert.Equal(CmsErrorKind.InvalidParameter, error.Kind);
        var reason = Assert.Single(error.Reasons);
        Assert.Equal(new CmsFailureReason("parameterError", "passcode", "invalidValue"), reason);
        Assert.Contains("parameterError (passcode: invalidValue)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSpaceAsync_UnknownCallProfile_NotFoundWithReference()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CmsApiException>(() =>
            cluster.Client().CreateSpaceAsync(new SpaceChanges { Uri = "room", CallProfile = Guid.NewGuid().ToString() }, Ct));

        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.True(error.HasReason("callProfileDoesNotExist"));
    }

    [Fact]
    public async Task CreateCdrReceiverAsync_OneMoreThanTheMaximum_RefusedTooManyCdrReceivers()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await client.CreateCdrReceiverAsync(new Uri($"http://127.0.0.1:1/{name}"), Ct);
        }

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateCdrReceiverAsync(new Uri("http://127.0.0.1:1/e"), Ct));

        Assert.Equal(CmsErrorKind.Refused, error.Kind);
        Assert.True(error.HasReason("tooManyCdrReceivers"));
        Assert.Equal(4, await client.ListCdrReceiversAsync(Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task GetSystemStatusAsync_WrongPassword_AuthenticationNamingNodeAndUserNeverPassword()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var node = cluster.Host.Nodes[0];
        using var client = new CmsClient(new CmsEndpoint(node.ApiUrl, node.Username, "Wr0ng-Secret-99", name: node.Name), Quick);
        using var tally = CmsRequestTally.Start();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Authentication, error.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains(node.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{node.Username}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-Secret-99", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(node.Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-Secret-99", client.Endpoint.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task GetSystemStatusAsync_UnauthorizedOnce_FailsThenNextRequestSucceeds()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client(0, Quick);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { UnauthorizedOnce = true });

        Assert.Equal(CmsErrorKind.Authentication, (await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct))).Kind);
        Assert.NotNull(await client.GetSystemStatusAsync(Ct));
    }

    [Fact]
    public async Task GetSystemStatusAsync_CallerCancels_OperationCanceledNotTimeout()
    {
        await using var cluster = await SimulatedCluster.StartAsync(null, new FakeTimeProvider());
        var client = cluster.Client(0, Quick);
        cluster.Host.SetFaults(cluster.Host.Nodes[0].Name, new NodeFaults { Latency = TimeSpan.FromHours(1) });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var status = client.GetSystemStatusAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => status);
    }
}
