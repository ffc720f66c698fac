using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>coSpaces/{id}/meetingEntryDetail</c>: how to join a space, for invitations.</summary>
public sealed class MeetingEntryDetailTests
{
    [Fact]
    public async Task Get_SpaceWithEverything_GivesFullUriCallIdPasscodeAndWebLinkWithTheSecret()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o =>
        {
            o.SipDomain = "video.example.com";
            o.WebBridgeUrl = new Uri("https://join.example.com/");
        });
        using var http = host.Api();
        var id = await http.CreateAsync("/api/v1/coSpaces", "name=Board&uri=Board.Room&callId=4711&passcode=1234&secret=s3cr3t-X");

        var detail = await http.GetAsync($"/api/v1/cospaces/{id}/meetingentrydetail");

        Assert.Equal("meetingEntryDetail", detail.Name.LocalName);
        Assert.Equal(["coSpace", "uri", "callId", "passcode", "webAddress"], detail.Names());
        Assert.Equal([id, "board.room@video.example.com", "4711", "1234", "https://join.example.com/meeting/4711?secret=s3cr3t-X"],
            detail.Elements().Select(e => e.Value));
    }

    [Fact]
    public async Task Get_SpaceWithoutCallIdOrPasscodeAndNoWebBridge_UnsetValuesAreEmptyAndThereIsNoWebLink()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var id = await http.CreateAsync("/api/v1/coSpaces", "name=Plain&uri=plain");

        var detail = await http.GetAsync($"/api/v1/coSpaces/{id}/meetingEntryDetail");

        Assert.Equal(["coSpace", "uri", "callId", "passcode"], detail.Names());
        Assert.Equal("plain@example.com", detail.Value("uri"));
        Assert.True(detail.Element("callId")!.IsEmpty);
        Assert.True(detail.Element("passcode")!.IsEmpty);
    }

    [Theory]
    [InlineData("2.9", new[] { "coSpace", "uri", "callId" })]
    [InlineData("2.1", new[] { "coSpace", "uri", "callId" })]
    public async Task Get_On2x_GivesOnlyUriAndCallId(string version, string[] names)
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider(), o =>
        {
            o.SoftwareVersion = version;
            o.WebBridgeUrl = new Uri("https://join.example.com");
        });
        using var http = host.Api();
        var id = await http.CreateAsync("/api/v1/coSpaces", "name=Old&uri=old&callId=77&passcode=1");

        Assert.Equal(names, (await http.GetAsync($"/api/v1/coSpaces/{id}/meetingEntryDetail")).Names());
    }

    [Fact]
    public async Task Get_On20OrUnknownSpaceOrPut_IsRefusedAsCmsRefusesIt()
    {
        await using var old = await Sim.StartAsync(new FakeTimeProvider(), o => o.SoftwareVersion = "2.0(RC)");
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var oldHttp = old.Api();
        using var http = host.Api();
        var oldSpace = await oldHttp.CreateSpaceAsync("old");
        var space = await http.CreateSpaceAsync("new");

        await oldHttp.RefusedAsync(HttpMethod.Get, $"/api/v1/coSpaces/{oldSpace}/meetingEntryDetail", null, HttpStatusCode.NotFound, "unrecognizedObject");
        await http.RefusedAsync(HttpMethod.Get, "/api/v1/coSpaces/5d1e3a6c-0000-4000-8000-0000000000dd/meetingEntryDetail", null,
            HttpStatusCode.NotFound, "coSpaceDoesNotExist");
        await http.RefusedAsync(HttpMethod.Put, $"/api/v1/coSpaces/{space}/meetingEntryDetail", "uri=x", HttpStatusCode.MethodNotAllowed,
            "invalidOperation");
    }
}
