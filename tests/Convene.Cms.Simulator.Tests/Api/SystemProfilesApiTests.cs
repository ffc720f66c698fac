using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Api;

/// <summary><c>system/profiles</c>, the global profiles, and the branding and DTMF profiles they reference.</summary>
public sealed class SystemProfilesApiTests
{
    private const string MissingId = "5d1e3a6c-0000-4000-8000-0000000000cc";

    [Fact]
    public async Task SystemProfiles_PutEveryReference_GetListsThemInCmsOrderOnEveryNode()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        using var other = host.Api(1);
        var empty = await http.GetAsync("/api/v1/system/profiles");
        var legProfile = await http.CreateAsync("/api/v1/callLegProfiles", "name=Everyone", "/api/v1/callLegProfiles/");
        var callProfile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=50", "/api/v1/callProfiles/");
        var dtmf = await http.CreateAsync("/api/v1/dtmfProfiles", "muteSelfAudio=*6", "/api/v1/dtmfProfiles/");
        var ivr = await http.CreateAsync("/api/v1/ivrBrandingProfiles", "resourceLocation=http://brand.example.com/ivr", "/api/v1/ivrBrandingProfiles/");
        var branding = await http.CreateAsync("/api/v1/callBrandingProfiles", "resourceLocation=http://brand.example.com/call", "/api/v1/callBrandingProfiles/");

        await http.PutAsync("/api/v1/system/profiles",
            $"callBrandingProfile={branding}&ivrBrandingProfile={ivr}&dtmfProfile={dtmf}&callProfile={callProfile}&callLegProfile={legProfile}");

        Assert.Equal("profiles", empty.Name.LocalName);
        Assert.Empty(empty.Elements());
        var profiles = await other.GetAsync("/api/v1/system/profiles");
        Assert.Equal(["callLegProfile", "callProfile", "dtmfProfile", "ivrBrandingProfile", "callBrandingProfile"], profiles.Names());
        Assert.Equal([legProfile, callProfile, dtmf, ivr, branding], profiles.Elements().Select(e => e.Value));
    }

    [Theory]
    [InlineData("callLegProfile", "callLegProfileDoesNotExist")]
    [InlineData("callProfile", "callProfileDoesNotExist")]
    [InlineData("dtmfProfile", "dtmfProfileDoesNotExist")]
    [InlineData("ivrBrandingProfile", "ivrBrandingProfileDoesNotExist")]
    [InlineData("callBrandingProfile", "callBrandingProfileDoesNotExist")]
    public async Task SystemProfiles_PutMissingProfile_IsRefusedWithItsReasonAndChangesNothing(string parameter, string reason)
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var callProfile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=50");

        await http.RefusedAsync(HttpMethod.Put, "/api/v1/system/profiles", $"callProfile={callProfile}&{parameter}={MissingId}",
            HttpStatusCode.BadRequest, reason);

        Assert.Empty((await http.GetAsync("/api/v1/system/profiles")).Elements());
    }

    [Fact]
    public async Task SystemProfiles_PostOrEmptyValue_PostIsInvalidOperationAndEmptyUnsets()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var callProfile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=50");
        await http.PutAsync("/api/v1/system/profiles", $"callProfile={callProfile}");

        await http.RefusedAsync(HttpMethod.Post, "/api/v1/system/profiles", $"callProfile={callProfile}", HttpStatusCode.MethodNotAllowed, "invalidOperation");
        var referenced = await http.GetAsync("/api/v1/callProfiles?usageFilter=referenced");
        await http.PutAsync("/api/v1/system/profiles", "callProfile=");

        Assert.Equal(1, referenced.Total());
        Assert.Empty((await http.GetAsync("/api/v1/system/profiles")).Elements());
        Assert.Equal(1, (await http.GetAsync("/api/v1/callProfiles?usageFilter=unreferenced")).Total());
    }

    [Fact]
    public async Task GlobalCallProfile_ParticipantLimit_AppliesToCallsWithoutTheirOwnProfile()
    {
        var time = new FakeTimeProvider();
        await using var host = await Sim.StartAsync(time);
        using var http = host.Api();
        var callProfile = await http.CreateAsync("/api/v1/callProfiles", "participantLimit=1");
        await http.PutAsync("/api/v1/system/profiles", $"callProfile={callProfile}");
        var call = await http.CreateCallAsync(await http.CreateSpaceAsync("small"));
        await http.DialOutAsync(call, "first@example.com");

        await http.RefusedAsync(HttpMethod.Post, $"/api/v1/calls/{call}/callLegs", "remoteParty=second@example.com",
            HttpStatusCode.BadRequest, "participantLimitReached");
    }

    [Fact]
    public async Task CallBrandingProfiles_ListAndReference_ListCarriesValuesAndSpacesRefuseAMissingOne()
    {
        await using var host = await Sim.StartAsync(new FakeTimeProvider());
        using var http = host.Api();
        var branding = await http.CreateAsync("/api/v1/callBrandingProfiles",
            "invitationTemplate=http://brand.example.com/invite.txt&resourceLocation=http://brand.example.com/call");

        var list = await http.GetAsync("/api/v1/callBrandingProfiles");
        await http.RefusedAsync(HttpMethod.Post, "/api/v1/coSpaces", $"name=x&callBrandingProfile={MissingId}",
            HttpStatusCode.BadRequest, "callBrandingProfileDoesNotExist");
        var space = await http.CreateSpaceAsync("branded", $"callBrandingProfile={branding}");

        var entry = Assert.Single(list.Elements("callBrandingProfile"));
        Assert.Equal(["invitationTemplate", "resourceLocation"], entry.Names());
        Assert.Equal(branding, (await http.GetAsync($"/api/v1/coSpaces/{space}")).Value("callBrandingProfile"));
        Assert.Equal(0, (await http.GetAsync("/api/v1/callBrandingProfiles?usageFilter=unreferenced")).Total());
    }
}
