namespace Convene.Cms.Tests;

/// <summary><see cref="CmsClientOptions.Observer"/> hears of every attempt, answered or failed, with passcodes masked.</summary>
public sealed class CmsClientObserverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observer_AnsweredAndFailedRequests_AreToldWithMaskedFormsInOrder()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var heard = new List<CmsRequestRecord>();
        var client = cluster.Client(options: new CmsClientOptions { Observer = heard.Add });

        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Passcode = "2468", Secret = "s3cret" }, Ct);
        var missing = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<CmsApiException>(() => client.GetSpaceAsync(missing, Ct));

        Assert.Equal(2, heard.Count);
        var created = heard[0];
        Assert.Equal(("POST", "/api/v1/coSpaces", "ok", 200), (created.Method, created.Path, created.Outcome, created.Status));
        Assert.Equal(cluster.Host.Nodes[0].Name, created.Node);
        Assert.Contains("name=Board", created.Form, StringComparison.Ordinal);
        Assert.Contains("passcode=*****", created.Form, StringComparison.Ordinal);
        Assert.DoesNotContain("2468", created.Form, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", created.Form, StringComparison.Ordinal);
        Assert.NotEmpty(id);
        var failed = heard[1];
        Assert.Equal(("GET", $"/api/v1/coSpaces/{missing}", "notFound", 404), (failed.Method, failed.Path, failed.Outcome, failed.Status));
        Assert.True(failed.Latency >= TimeSpan.Zero);
    }
}
