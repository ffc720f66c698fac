namespace Convene.Cms.Tests;

public sealed class CmsClientProfilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateCallProfileAsync_EveryValue_GetReturnsThem()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallProfileAsync(new CallProfileChanges
        {
            ParticipantLimit = 40,
            Locked = true,
            RecordingMode = CallActivityMode.Manual,
            StreamingMode = CallActivityMode.Disabled,
            LockMode = "needsActivation",
            ChatAllowed = false,
        }, Ct);

        Assert.Equal("participantLimit=40&locked=true&recordingMode=manual&streamingMode=disabled&lockMode=needsActivation&chatAllowed=false",
            await cluster.FormAsync("POST /api/v1/callProfiles"));
        Assert.Equal(new CmsCallProfile(id, 40, null, true, CallActivityMode.Manual, CallActivityMode.Disabled, "needsActivation", false),
            await client.GetCallProfileAsync(id, Ct));
    }

    [Fact]
    public async Task CreateCallProfileAsync_MessageBoardOnVersion3_IsInvalidParameter()
    {
        await using var cluster = await SimulatedCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CmsApiException>(() =>
            cluster.Client().CreateCallProfileAsync(new CallProfileChanges { MessageBoardEnabled = true }, Ct));

        Assert.Equal(CmsErrorKind.InvalidParameter, error.Kind);
        Assert.Equal(new CmsFailureReason("parameterError", "messageBoardEnabled", "invalidValue"), Assert.Single(error.Reasons));
    }

    [Fact]
    public async Task CreateCallProfileAsync_MessageBoardOnVersion2_IsStored()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.SoftwareVersion = "2.0(RC)");
        var client = cluster.Client();

        var id = await client.CreateCallProfileAsync(new CallProfileChanges { MessageBoardEnabled = true }, Ct);

        Assert.True((await client.GetCallProfileAsync(id, Ct)).MessageBoardEnabled);
    }

    [Fact]
    public async Task UpdateCallProfileAsync_OneValue_SendsOnlyItAndKeepsTheRest()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 40, Locked = true }, Ct);

        await client.UpdateCallProfileAsync(id, new CallProfileChanges { Locked = false }, Ct);

        Assert.Equal("locked=false", await cluster.FormAsync($"PUT /api/v1/callProfiles/{id}"));
        var profile = await client.GetCallProfileAsync(id, Ct);
        Assert.Equal(40, profile.ParticipantLimit);
        Assert.False(profile.Locked);
    }

    [Fact]
    public async Task UpdateCallProfileAsync_ClearParticipantLimit_SendsItEmptyAndUnsetsIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 40, Locked = true }, Ct);

        await client.UpdateCallProfileAsync(id, new CallProfileChanges { ParticipantLimit = CmsParam.Clear }, Ct);

        Assert.Equal("participantLimit=", await cluster.FormAsync($"PUT /api/v1/callProfiles/{id}"));
        var profile = await client.GetCallProfileAsync(id, Ct);
        Assert.Null(profile.ParticipantLimit);
        Assert.True(profile.Locked);
    }

    [Fact]
    public async Task ListCallProfilesAsync_UsageFilters_SplitReferencedFromUnreferenced()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var used = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 10 }, Ct);
        var unused = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 20 }, Ct);
        await client.CreateSpaceAsync(new SpaceChanges { Name = "Uses a profile", Uri = "uses", CallProfile = used }, Ct);

        Assert.Equal(new[] { used, unused }.Order(), (await client.ListCallProfilesAsync(ProfileUsage.Any, Ct).ToListAsync(Ct)).Select(p => p.Id).Order());
        Assert.Equal([used], (await client.ListCallProfilesAsync(ProfileUsage.Referenced, Ct).ToListAsync(Ct)).Select(p => p.Id));
        Assert.Equal([unused], (await client.ListCallProfilesAsync(ProfileUsage.Unreferenced, Ct).ToListAsync(Ct)).Select(p => p.Id));
        var requests = await cluster.RequestsAsync();
        Assert.Contains("GET /api/v1/callProfiles?offset=0&limit=50", requests);
        Assert.Contains("GET /api/v1/callProfiles?usageFilter=referenced&offset=0&limit=50", requests);
        Assert.Contains("GET /api/v1/callProfiles?usageFilter=unreferenced&offset=0&limit=50", requests);
    }

    [Fact]
    public async Task DeleteCallProfileAsync_ThenGet_IsNotFoundWithReason()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 10 }, Ct);

        await client.DeleteCallProfileAsync(id, Ct);

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallProfileAsync(id, Ct));
        Assert.Equal(CmsErrorKind.NotFound, error.Kind);
        Assert.True(error.HasReason("callProfileDoesNotExist"));
        Assert.Empty(await client.ListCallProfilesAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task CreateCallLegProfileAsync_EveryValue_GetReturnsThem()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateCallLegProfileAsync(new CallLegProfileChanges
        {
            Name = "Guests",
            NeedsActivation = true,
            DefaultLayout = Layout.OnePlusFive,
            ChangeLayoutAllowed = false,
            PresentationContributionAllowed = false,
            PresentationViewingAllowed = true,
            MuteSelfAllowed = true,
            VideoMuteSelfAllowed = false,
            MuteOthersAllowed = false,
            EndCallAllowed = false,
            MaxCallDurationSeconds = 7200,
        }, Ct);

        Assert.Contains("defaultLayout=onePlusFive&", await cluster.FormAsync("POST /api/v1/callLegProfiles"), StringComparison.Ordinal);
        Assert.Equal(new CmsCallLegProfile(id, "Guests", true, Layout.OnePlusFive, false, false, true, true, false, false, false, TimeSpan.FromHours(2)),
            await client.GetCallLegProfileAsync(id, Ct));
    }

    [Fact]
    public async Task UpdateCallLegProfileAsync_LayoutOnly_SendsCamelCaseLayoutAndKeepsTheRest()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Hosts", NeedsActivation = false }, Ct);

        await client.UpdateCallLegProfileAsync(id, new CallLegProfileChanges { DefaultLayout = Layout.SpeakerOnly }, Ct);

        Assert.Equal("defaultLayout=speakerOnly", await cluster.FormAsync($"PUT /api/v1/callLegProfiles/{id}"));
        var profile = await client.GetCallLegProfileAsync(id, Ct);
        Assert.Equal(("Hosts", false, Layout.SpeakerOnly), (profile.Name, profile.NeedsActivation, profile.DefaultLayout));
        Assert.Null(profile.MaxCallDuration);
    }

    [Fact]
    public async Task UpdateCallLegProfileAsync_ClearName_SendsItEmptyAndUnsetsIt()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Hosts", NeedsActivation = false }, Ct);

        await client.UpdateCallLegProfileAsync(id, new CallLegProfileChanges { Name = CmsParam.Clear }, Ct);

        Assert.Equal("name=", await cluster.FormAsync($"PUT /api/v1/callLegProfiles/{id}"));
        Assert.Null((await client.GetCallLegProfileAsync(id, Ct)).Name);
    }

    [Fact]
    public async Task CallLegProfiles_ListAndDelete_ListShrinksAndGetIsNotFound()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var first = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "A" }, Ct);
        var second = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "B" }, Ct);

        await client.DeleteCallLegProfileAsync(first, Ct);

        Assert.Equal([second], (await client.ListCallLegProfilesAsync(cancellationToken: Ct).ToListAsync(Ct)).Select(p => p.Id));
        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetCallLegProfileAsync(first, Ct));
        Assert.True(error.HasReason("callLegProfileDoesNotExist"));
    }

    [Fact]
    public async Task ListCallLegProfilesAsync_Referenced_ListsOnlyProfilesASpaceUses()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var used = await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Used" }, Ct);
        await client.CreateCallLegProfileAsync(new CallLegProfileChanges { Name = "Unused" }, Ct);
        await client.CreateSpaceAsync(new SpaceChanges { Uri = "room", CallLegProfile = used }, Ct);

        var referenced = await client.ListCallLegProfilesAsync(ProfileUsage.Referenced, Ct).ToListAsync(Ct);

        Assert.Equal([used], referenced.Select(p => p.Id));
    }
}
