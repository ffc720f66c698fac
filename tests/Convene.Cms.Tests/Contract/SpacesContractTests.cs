namespace Convene.Cms.Tests.Contract;

/// <summary>Client against simulator for spaces as CMS stores them: <c>ownerId</c> with <c>ownerJid</c>,
/// <c>meetingScheduler</c>, lower-cased URIs, and <c>meetingEntryDetail</c> (3.x) with and without a web
/// bridge.</summary>
public sealed class SpacesContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateSpaceAsync_OwnerJidAndScheduler_OwnerIdGivenAndSchedulerKept()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.Users = ["alice@example.com"]);
        var client = cluster.Client();

        var first = await client.CreateSpaceAsync(new SpaceChanges
        {
            Name = "Board", Uri = "board", OwnerJid = "alice@example.com", MeetingScheduler = "Bob Assistant",
        }, Ct);
        var second = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board 2", Uri = "board2", OwnerJid = "ALICE@example.com" }, Ct);
        var space = await client.GetSpaceAsync(first, Ct);
        var other = await client.GetSpaceAsync(second, Ct);

        Assert.Equal(("alice@example.com", "Bob Assistant"), (space.OwnerJid, space.MeetingScheduler));
        Assert.False(string.IsNullOrWhiteSpace(space.OwnerId));
        Assert.Equal(space.OwnerId, other.OwnerId);
        Assert.Null(other.MeetingScheduler);
    }

    [Fact]
    public async Task UpdateSpaceAsync_ClearScheduler_ReadsNull()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", MeetingScheduler = "Bob" }, Ct);

        await client.UpdateSpaceAsync(id, new SpaceChanges { MeetingScheduler = CmsParam.Clear }, Ct);

        Assert.Null((await client.GetSpaceAsync(id, Ct)).MeetingScheduler);
    }

    [Fact]
    public async Task CreateSpaceAsync_MixedCaseUris_StoredLowerCasedAndFoundWhateverTheCase()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();

        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "Board.Room", SecondaryUri = "BoardAlt" }, Ct);
        var method = await client.CreateAccessMethodAsync(id, new AccessMethodChanges { Uri = "Board.Guests", CallId = "7002" }, Ct);
        var duplicate = await Assert.ThrowsAsync<CmsApiException>(() =>
            client.CreateSpaceAsync(new SpaceChanges { Name = "Other", Uri = "BOARD.ROOM" }, Ct));

        var space = await client.GetSpaceAsync(id, Ct);
        Assert.Equal(("board.room", "boardalt"), (space.Uri, space.SecondaryUri));
        Assert.Equal("board.guests", (await client.GetAccessMethodAsync(id, method, Ct)).Uri);
        Assert.Equal("duplicateCoSpaceUri", Assert.Single(duplicate.Reasons).Name);
    }

    [Fact]
    public async Task GetMeetingEntryDetailAsync_NoPasscodeNoWebBridge_UnsetValuesAreNull()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var client = cluster.Client();
        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "Board", CallId = "4711" }, Ct);

        var detail = await client.GetMeetingEntryDetailAsync(id, Ct);

        Assert.Equal(new CmsMeetingEntryDetail(id, "board@example.com", "4711", null, null), detail);
    }

    [Fact]
    public async Task GetMeetingEntryDetailAsync_WebBridgeConfigured_PasscodeAndWebLinkWithTheSecret()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            o.SipDomain = "video.example.com";
            o.WebBridgeUrl = new Uri("https://join.example.com/");
        });
        var client = cluster.Client();
        var id = await client.CreateSpaceAsync(new SpaceChanges
        {
            Name = "Board", Uri = "board", CallId = "4711", Passcode = "2468", Secret = "s3cretLink",
        }, Ct);

        var detail = await client.GetMeetingEntryDetailAsync(id, Ct);

        Assert.Equal(new CmsMeetingEntryDetail(id, "board@video.example.com", "4711", "2468",
            "https://join.example.com/meeting/4711?secret=s3cretLink"), detail);
    }

    [Fact]
    public async Task GetMeetingEntryDetailAsync_Version2_NoPasscodeNorWebLink()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o =>
        {
            o.SoftwareVersion = "2.9.1";
            o.WebBridgeUrl = new Uri("https://join.example.com/");
        });
        var client = cluster.Client();
        var id = await client.CreateSpaceAsync(new SpaceChanges { Name = "Board", Uri = "board", CallId = "4711", Passcode = "2468", Secret = "s3cretLink" }, Ct);

        var detail = await client.GetMeetingEntryDetailAsync(id, Ct);

        Assert.Equal(new CmsMeetingEntryDetail(id, "board@example.com", "4711", null, null), detail);
    }
}
