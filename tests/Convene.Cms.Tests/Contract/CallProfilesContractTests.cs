namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for the 3.x call profile fields: <c>name</c>, <c>passcodeMode</c>,
/// <c>passcodeTimeout</c>, stored and returned on 3.x and ignored by an older version.</summary>
public sealed class CallProfilesContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCallProfileAsync_Version3NameAndPasscodeMode_ReadBackAndCleared()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallProfileAsync(new CallProfileChanges
        {
            Name = "Board meetings", ParticipantLimit = 40, PasscodeMode = PasscodeMode.Required,
        }, Ct);
        var created = await client.GetCallProfileAsync(id, Ct);
        await client.UpdateCallProfileAsync(id, new CallProfileChanges { Name = CmsParam.Clear, PasscodeMode = PasscodeMode.Timeout, PasscodeTimeoutSeconds = 8 }, Ct);
        var changed = await client.GetCallProfileAsync(id, Ct);

        Assert.Equal(("Board meetings", 40, PasscodeMode.Required), (created.Name, created.ParticipantLimit, created.PasscodeMode));
        Assert.Equal(((string?)null, PasscodeMode.Timeout, TimeSpan.FromSeconds(8)), (changed.Name, changed.PasscodeMode, changed.PasscodeTimeout));
    }

    [Fact]
    public async Task CreateCallProfileAsync_Version2_NameIgnored()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.SoftwareVersion = "2.9.1");
        var client = cluster.Client();

        var id = await client.CreateCallProfileAsync(new CallProfileChanges { Name = "Board meetings", ParticipantLimit = 40 }, Ct);
        var profile = await client.GetCallProfileAsync(id, Ct);

        Assert.Equal(((string?)null, 40), (profile.Name, profile.ParticipantLimit));
    }
}
