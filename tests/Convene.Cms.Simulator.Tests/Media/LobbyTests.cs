using System.Net;
using System.Net.Http.Json;
using Convene.Cms.Simulator.Tests.Cdr;
using Microsoft.Extensions.Time.Testing;

namespace Convene.Cms.Simulator.Tests.Media;

/// <summary>The lobby: the usual host PIN / guest PIN set-up, where the space's call leg profile makes
/// guests wait for activation and an access method with the host PIN gives the host profile.</summary>
public sealed class LobbyTests
{
    [Fact]
    public async Task Lobby_GuestPinBeforeHost_WaitsDeactivatedUntilTheHostJoins()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);

        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        Assert.True(await lobby.IsDeactivatedAsync(guest.CallLeg));
        Assert.Equal("false", (await lobby.Http.GetAsync($"/api/v1/participants/{guest.Participant}")).Value("isActivator"));

        var host = await lobby.DialInAsync("2222", "host@example.com");

        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
        Assert.False(await lobby.IsDeactivatedAsync(host.CallLeg));
        Assert.Equal("true", (await lobby.Http.GetAsync($"/api/v1/participants/{host.Participant}")).Value("isActivator"));
    }

    [Fact]
    public async Task Lobby_GuestAfterHost_JoinsActivated()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        await lobby.DialInAsync("2222", "host@example.com");

        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_DeactivateModeAfterLastHostLeaves_DeactivatesGuestsAfterTheModeTime()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 30);
        var host = await lobby.DialInAsync("2222", "host@example.com");
        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        await lobby.Http.DeleteAsync($"/api/v1/callLegs/{host.CallLeg}");
        lobby.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
        lobby.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_DisconnectModeAfterLastHostLeaves_EndsGuestLegsWithCallDeactivated()
    {
        await using var lobby = await LobbySetup.StartAsync("disconnect", 10);
        var host = await lobby.DialInAsync("2222", "host@example.com");
        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        await lobby.Http.DeleteAsync($"/api/v1/callLegs/{host.CallLeg}");
        lobby.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(await lobby.Http.LegStateAsync(guest.CallLeg));
        var end = (await lobby.Cdr.RecordsAsync(8)).Single(r => r.Record.Attribute("type")?.Value == "callLegEnd"
            && r.Record.Element("callLeg")?.Attribute("id")?.Value == guest.CallLeg);
        Assert.Equal("callDeactivated", end.Record.Element("callLeg")?.Value("reason"));
    }

    [Fact]
    public async Task Lobby_RemainActivatedMode_KeepsGuestsActivatedAfterTheHostLeaves()
    {
        await using var lobby = await LobbySetup.StartAsync("remainActivated", 0);
        var host = await lobby.DialInAsync("2222", "host@example.com");
        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        await lobby.Http.DeleteAsync($"/api/v1/callLegs/{host.CallLeg}");
        lobby.Time.Advance(TimeSpan.FromHours(1));

        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_HostReturnsWithinTheModeTime_GuestsStayActivated()
    {
        await using var lobby = await LobbySetup.StartAsync("disconnect", 60);
        var host = await lobby.DialInAsync("2222", "host@example.com");
        var guest = await lobby.DialInAsync("1111", "guest@example.com");
        await lobby.Http.DeleteAsync($"/api/v1/callLegs/{host.CallLeg}");
        lobby.Time.Advance(TimeSpan.FromSeconds(30));

        await lobby.DialInAsync("2222", "host@example.com");
        lobby.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_ParticipantPutDeactivatedFalse_AdmitsTheGuestWithoutAHost()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        var guest = await lobby.DialInAsync("1111", "guest@example.com");

        await lobby.Http.PutAsync($"/api/v1/participants/{guest.Participant}", "deactivated=false");

        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_ChangesOfAGuest_AreCallLegUpdateRecordsWithDeactivated()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 5);
        var guest = await lobby.DialInAsync("1111", "guest@example.com");
        var host = await lobby.DialInAsync("2222", "host@example.com");
        await lobby.Http.DeleteAsync($"/api/v1/callLegs/{host.CallLeg}");
        lobby.Time.Advance(TimeSpan.FromSeconds(5));

        // callStart, 2 × callLegStart, 2 × connected, the guest's activation, the host's end, the guest's deactivation.
        var records = await lobby.Cdr.RecordsAsync(8);

        var updates = records.Where(r => r.Record.Attribute("type")?.Value == "callLegUpdate")
            .Select(r => r.Record.Element("callLeg")!)
            .Where(l => l.Attribute("id")?.Value == guest.CallLeg)
            .Select(l => (l.Value("state"), l.Value("deactivated")));
        Assert.Equal([("connected", "true"), ("connected", "false"), ("connected", "true")], updates);
        Assert.Single(records, r => r.Record.Attribute("type")?.Value == "callLegEnd");
    }

    [Fact]
    public async Task Lobby_NeedsActivationOnADialledParticipant_WaitsForAnActivator()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        var call = await lobby.Http.CreateCallAsync(lobby.Space);
        var participant = await lobby.Http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=guest@example.com&needsActivation=true");
        var admitted = await lobby.Http.CreateAsync($"/api/v1/calls/{call}/participants",
            "remoteParty=vip@example.com&needsActivation=true&deactivated=false");
        lobby.Time.Advance(TimeSpan.FromSeconds(1));
        lobby.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await lobby.IsDeactivatedAsync(await lobby.LegOfAsync(participant)));
        Assert.False(await lobby.IsDeactivatedAsync(await lobby.LegOfAsync(admitted)));
    }

    [Fact]
    public async Task Lobby_GuestMadeAnActivatorByPut_ActivatesTheOtherGuests()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        var first = await lobby.DialInAsync("1111", "first@example.com");
        var second = await lobby.DialInAsync("1111", "second@example.com");

        await lobby.Http.PutAsync($"/api/v1/callLegs/{first.CallLeg}", "needsActivation=false");

        Assert.False(await lobby.IsDeactivatedAsync(first.CallLeg));
        Assert.False(await lobby.IsDeactivatedAsync(second.CallLeg));
        Assert.Equal("true", (await lobby.Http.GetAsync($"/api/v1/participants/{first.Participant}")).Value("isActivator"));
    }

    [Fact]
    public async Task Lobby_HostsNodeGoesDown_GuestsOnTheOtherNodeGetTheDeactivationMode()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        var guest = await lobby.DialInAsync("1111", "guest@example.com");
        await lobby.DialInAsync("2222", "host@example.com", "CallBridge-Core2");
        Assert.False(await lobby.IsDeactivatedAsync(guest.CallLeg));

        await lobby.TakeDownAsync("CallBridge-Core2");

        Assert.True(await lobby.IsDeactivatedAsync(guest.CallLeg));
    }

    [Fact]
    public async Task Lobby_ParticipantAdmittedWhileRinging_JoinsActivated()
    {
        await using var lobby = await LobbySetup.StartAsync("deactivate", 0);
        var call = await lobby.Http.CreateCallAsync(lobby.Space);
        var participant = await lobby.Http.CreateAsync($"/api/v1/calls/{call}/participants", "remoteParty=guest@example.com");

        await lobby.Http.PutAsync($"/api/v1/participants/{participant}", "deactivated=false");
        lobby.Time.Advance(TimeSpan.FromSeconds(1));
        lobby.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await lobby.IsDeactivatedAsync(await lobby.LegOfAsync(participant)));
    }

    private sealed record DialIn(string? Refused, string Call, string CallLeg, string Participant);

    /// <summary>A space "room" whose own passcode 1111 gives the guest profile (needsActivation and the
    /// given deactivation mode), and an access method with the same URI and passcode 2222 that gives
    /// the host profile; a CDR receiver on the node.</summary>
    private sealed class LobbySetup : IAsyncDisposable
    {
        private CmsSimulatorHost _host = null!;
        private HttpClient _control = null!;

        public FakeTimeProvider Time { get; } = new();

        public CmsHttp Http { get; private set; } = null!;

        public CdrReceiver Cdr { get; private set; } = null!;

        public string Space { get; private set; } = "";

        public static async Task<LobbySetup> StartAsync(string deactivationMode, int deactivationModeTime)
        {
            var setup = new LobbySetup();
            setup.Cdr = await CdrReceiver.StartAsync();
            setup._host = await Sim.StartAsync(setup.Time, o =>
            {
                o.RingAfter = TimeSpan.FromSeconds(1);
                o.AnswerAfter = TimeSpan.FromSeconds(1);
            });
            setup.Http = setup._host.Api();
            setup._control = setup._host.Control();
            var http = setup.Http;
            await http.CreateAsync("/api/v1/system/cdrReceivers", $"uri={Uri.EscapeDataString(setup.Cdr.Url.ToString())}");
            var guest = await http.CreateAsync("/api/v1/callLegProfiles",
                $"needsActivation=true&deactivationMode={deactivationMode}&deactivationModeTime={deactivationModeTime}");
            var host = await http.CreateAsync("/api/v1/callLegProfiles", "needsActivation=false");
            setup.Space = await http.CreateSpaceAsync("room", $"passcode=1111&callLegProfile={guest}");
            await http.CreateAsync($"/api/v1/coSpaces/{setup.Space}/accessMethods", $"uri=room&passcode=2222&callLegProfile={host}");
            return setup;
        }

        public async Task<DialIn> DialInAsync(string passcode, string caller, string node = "CallBridge-Core1")
        {
            using var response = await _control.DialInAsync(node, new { uri = "room", passcode, caller });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<DialIn>(TestContext.Current.CancellationToken))!;
        }

        public async Task TakeDownAsync(string node) =>
            (await _control.PostAsync($"sim/nodes/{node}/down", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        public async Task<bool> IsDeactivatedAsync(string legId) =>
            (await Http.GetAsync($"/api/v1/callLegs/{legId}")).Element("status")?.Value("deactivated") == "true";

        public async Task<string> LegOfAsync(string participantId)
        {
            var legs = await Http.GetAsync($"/api/v1/participants/{participantId}/callLegs");
            return Assert.Single(legs.Elements("callLeg")).Attribute("id")!.Value;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            _control.Dispose();
            await _host.DisposeAsync();
            await Cdr.DisposeAsync();
        }
    }
}
