namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for <c>system/profiles</c>: the global profile references, set,
/// cleared and refused when they name nothing.</summary>
public sealed class SystemProfilesContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpdateSystemProfilesAsync_CallAndCallLegProfile_ReadBackAndCleared()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var callProfile = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 50 }, Ct);
        var legProfile = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Global", RxAudioMute = true }, Ct);
        var before = await client.GetSystemProfilesAsync(Ct);

        await client.UpdateSystemProfilesAsync(new SystemProfilesChanges { CallProfile = callProfile, CallLegProfile = legProfile }, Ct);
        var set = await client.GetSystemProfilesAsync(Ct);
        await client.UpdateSystemProfilesAsync(new SystemProfilesChanges { CallProfile = CmsParam.Clear }, Ct);
        var cleared = await client.GetSystemProfilesAsync(Ct);

        Assert.Equal(new CmsSystemProfiles(null, null, null, null, null, null, null, null, null), before);
        Assert.Equal((legProfile, callProfile), (set.CallLegProfile, set.CallProfile));
        Assert.Equal((legProfile, (string?)null), (cleared.CallLegProfile, cleared.CallProfile));
    }

    [Fact]
    public async Task UpdateSystemProfilesAsync_UnknownCallLegProfile_RefusedWithDoesNotExistAndNothingChanged()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var callProfile = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 50 }, Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.UpdateSystemProfilesAsync(new SystemProfilesChanges
        {
            CallProfile = callProfile, CallLegProfile = "00000000-0000-0000-0000-000000000001",
        }, Ct));

        Assert.Equal("callLegProfileDoesNotExist", Assert.Single(error.Reasons).Name);
        Assert.Null((await client.GetSystemProfilesAsync(Ct)).CallProfile);
    }

    [Fact]
    public async Task GetSystemProfilesAsync_ReadThroughAnotherNode_SameGlobalProfiles()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var legProfile = await cluster.Client(0).CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Global" }, Ct);

        await cluster.Client(0).UpdateSystemProfilesAsync(new SystemProfilesChanges { CallLegProfile = legProfile }, Ct);

        Assert.Equal(legProfile, (await cluster.Client(1).GetSystemProfilesAsync(Ct)).CallLegProfile);
    }
}
