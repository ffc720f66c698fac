using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Tests;

/// <summary>The dialled party's name on a dial-out: <c>nameLabelOverride</c> (2.4, at most 50 bytes of UTF-8), the only
/// callLeg POST parameter that names the far end, whose dialled-out leg has no name of its own.</summary>
public sealed class CmsClientDialOutNameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DialOut_WithANameLabel_SendsItAndTheLegShowsIt()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, time);
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Named"), cancellationToken: Ct);

        var legId = await client.DialOutAsync(callId, new DialOut("bob@example.com")
        {
            OwnerId = "owner-1", Overrides = new CallLegChanges { NameLabelOverride = "Bøb Ångström" },
        }, Ct);
        var leg = await client.GetCallLegAsync(legId, Ct);

        Assert.Equal("Bøb Ångström", leg.Configuration?.NameLabelOverride);
        var form = await cluster.FormAsync($"POST /api/v1/calls/{callId}/callLegs");
        Assert.Contains("nameLabelOverride=Bøb Ångström", Uri.UnescapeDataString(form!.Replace('+', ' ')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DialOut_NameLabelOverFiftyUtf8Bytes_ThrowsBeforeSending()
    {
        await using var cluster = await SimulatedCluster.StartAsync(SimulatorSeed.Timing, new FakeTimeProvider());
        var client = cluster.Client();
        var callId = await client.CreateCallAsync(await cluster.CreateSpaceAsync("Long"), cancellationToken: Ct);
        var sent = (await cluster.RequestsAsync()).Length;

        // 26 characters, 52 bytes: within 50 characters but over CMS's 50 bytes.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.DialOutAsync(callId,
            new DialOut("bob@example.com") { Overrides = new CallLegChanges { NameLabelOverride = new string('ø', 26) } }, Ct));

        Assert.Contains("50 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(sent, (await cluster.RequestsAsync()).Length);
    }
}
