using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Convene.Cms.Simulator.Tests;

/// <summary>
/// Replays the API traces of the seed (Cisco's TMS 15.3 / CMS 2.0 integration guide) request by
/// request, with TMS's exact bodies, and checks the answers and the simulator's own API trace.
/// The seed's content sizes (117 and 83 for the space PUTs) show TMS sent an empty passcode.
/// </summary>
public sealed partial class SeedTraceReplayTests
{
    private const string MeetingName = "Tim Kratzke Acano TMSXE Test Meeting";
    private const string MeetingSecret = "86db1bdd-5cf7-4ea8-b88d-479195f4701a";
    private const string CallProfileBody = "participantLimit=1000&messageBoardEnabled=false";
    private const string CallLegProfileBody = "defaultLayout=telepresence&changeLayoutAllowed=true&presentationContributionAllowed=true"
        + "&presentationViewingAllowed=true&muteSelfAllowed=true&videoMuteSelfAllowed=true";
    private const string StartBody = $"&nonMemberAccess=true&passcode=&name={MeetingName}&secret={MeetingSecret}";
    private const string EndBody = "&nonMemberAccess=false&passcode=&name=TMS_Scheduled_Meeting_1&regenerateSecret=true";

    /// <summary>A cluster like the seed's: version 2.0(RC), and answers traced to 8 lines, "[...]" and the
    /// closing line, as the seed's status and coSpaces answers are.</summary>
    private static Task<CmsSimulatorHost> StartSeedClusterAsync() =>
        CmsSimulatorHost.StartAsync(o =>
        {
            o.SoftwareVersion = "2.0(RC)";
            o.TraceBodyLines = 8;
        }, cancellationToken: TestContext.Current.CancellationToken);

    private static string BulkSetBody(string callProfile, string callLegProfile) =>
        "startIndex=1&endIndex=5&coSpaceUriMapping=&coSpaceNameMapping=TMS_Scheduled_Meeting_&coSpaceCallIdMapping="
        + $"&callProfile={callProfile}&callLegProfile={callLegProfile}&nonMemberAccess=false";

    [Fact]
    public async Task Replay_EveryRequestOfTheSeedTraces_AnswersAsTheSeedShows()
    {
        await using var sim = await StartSeedClusterAsync();
        var core1 = sim.Nodes[0];
        using var tms = new CmsHttp(core1);

        // Adding CMS to TMS: API traces 8889–8894.
        await AssertStatusAsync(tms, legsActive: 0);
        var bridges = await tms.GetAsync("/api/v1/callBridges");
        Assert.Equal("2", bridges.Attribute("total")?.Value);
        var entries = bridges.Elements("callBridge").ToList();
        Assert.Equal(["CallBridge-Core1", "CallBridge-Core2"], entries.Select(e => e.Value("name")));
        Assert.All(entries, e => Assert.Equal(["name"], e.Elements().Select(c => c.Name.LocalName)));
        foreach (var (entry, node) in entries.Zip(sim.Nodes))
        {
            var id = entry.Attribute("id")!.Value;
            Assert.Equal(node.CallBridgeId, id);
            var bridge = await tms.GetAsync($"/api/v1/callBridges/{id}");
            Assert.Equal(id, bridge.Attribute("id")?.Value);
            Assert.Equal(["name", "address", "sipDomain"], bridge.Elements().Select(c => c.Name.LocalName));
            Assert.Equal(node.Name, bridge.Value("name"));
            Assert.Equal(node.ApiUrl.GetLeftPart(UriPartial.Authority), bridge.Value("address"));
            Assert.Equal("", bridge.Value("sipDomain"));
        }
        var callProfile = await tms.CreateAsync("/api/v1/callProfiles", CallProfileBody, "/api/v1/callProfiles/");
        var callLegProfile = await tms.CreateAsync("/api/v1/callLegProfiles", CallLegProfileBody, "/api/v1/callLegProfiles/");

        // Placeholder spaces: 8954–8957.
        var set = await tms.CreateAsync("/api/v1/cospaceBulkParameterSets", BulkSetBody(callProfile, callLegProfile),
            "/api/v1/cospaceBulkParameterSets/");
        var syncId = await tms.CreateAsync("/api/v1/cospaceBulkSyncs", $"cospaceBulkParameterSet={set}", "/api/v1/cospaceBulkSyncs/");
        Assert.Equal("complete", await sim.WhenBulkSyncDone(syncId));
        var sync = await tms.GetAsync($"/api/v1/cospaceBulkSyncs/{syncId}");
        Assert.Equal("cospaceBulkSync", sync.Name.LocalName);
        Assert.Equal(syncId, sync.Attribute("id")?.Value);
        Assert.Equal(set, sync.Value("cospaceBulkParameterSet"));
        Assert.Equal("complete", sync.Value("status"));
        await AssertStatusAsync(tms, legsActive: 0);

        // Start and dial out: 9496–9506 (the 401 of 9498 has its own test).
        await AssertStatusAsync(tms, legsActive: 0);
        var participants = await tms.GetAsync("/api/v1/participants");
        Assert.Equal("0", participants.Attribute("total")?.Value);
        Assert.Empty(participants.Elements());
        var spaces = await tms.GetAsync("/api/v1/coSpaces");
        Assert.Equal("5", spaces.Attribute("total")?.Value);
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => $"TMS_Scheduled_Meeting_{i} false {i} {i}"),
            spaces.Elements("coSpace").Select(s => $"{s.Value("name")} {s.Value("autoGenerated")} {s.Value("uri")} {s.Value("callId")}"));
        var slot = spaces.Elements("coSpace").First().Attribute("id")!.Value;
        var closed = await tms.GetAsync($"/api/v1/coSpaces/{slot}");
        Assert.Equal("false", closed.Value("nonMemberAccess"));
        Assert.Equal(callProfile, closed.Value("callProfile"));
        Assert.Equal(callLegProfile, closed.Value("callLegProfile"));
        Assert.False(string.IsNullOrEmpty(closed.Value("secret")));

        await tms.PutAsync($"/api/v1/cospaces/{slot}", StartBody);
        var callId = await tms.CreateAsync("/api/v1/calls", $"coSpace={slot}", "/api/v1/calls/");
        await AssertStatusAsync(tms, legsActive: 0);
        spaces = await tms.GetAsync("/api/v1/coSpaces");
        Assert.Contains(spaces.Elements("coSpace"), s => s.Attribute("id")?.Value == slot && s.Value("name") == MeetingName);
        var calls = await tms.GetAsync("/api/v1/calls");
        Assert.Equal("1", calls.Attribute("total")?.Value);
        var call = Assert.Single(calls.Elements("call"));
        Assert.Equal(callId, call.Attribute("id")?.Value);
        Assert.Equal(MeetingName, call.Value("name"));
        Assert.Equal(slot, call.Value("coSpace"));
        Assert.Matches(GuidPattern(), call.Value("callCorrelator") ?? "");
        var legs = await tms.GetAsync("/api/v1/callegs");
        Assert.Equal("callLegs", legs.Name.LocalName);
        Assert.Equal("0", legs.Attribute("total")?.Value);
        Assert.Empty(legs.Elements());
        var legId = await tms.CreateAsync($"/api/v1/calls/{callId}/callegs", "remoteParty=desk.ex90@tkratzke.local", "/api/v1/callLegs/");
        var leg = Assert.Single((await tms.GetAsync($"/api/v1/calls/{callId}/callLegs")).Elements("callLeg"));
        Assert.Equal(legId, leg.Attribute("id")?.Value);
        Assert.Equal("desk.ex90@tkratzke.local", leg.Value("remoteParty"));

        // Extend: 9711, the same PUT again.
        await tms.PutAsync($"/api/v1/cospaces/{slot}", StartBody);
        var open = await tms.GetAsync($"/api/v1/coSpaces/{slot}");
        Assert.Equal((MeetingName, "true", MeetingSecret), (open.Value("name"), open.Value("nonMemberAccess"), open.Value("secret")));
        Assert.Null(open.Element("passcode"));

        // End: 9874–9879.
        await AssertStatusAsync(tms, legsActive: 1);
        await tms.GetAsync("/api/v1/coSpaces");
        Assert.Equal("1", (await tms.GetAsync("/api/v1/calls")).Attribute("total")?.Value);
        await tms.GetAsync("/api/v1/coSpaces");
        await tms.PutAsync($"/api/v1/cospaces/{slot}", EndBody);
        var ended = await tms.GetAsync($"/api/v1/coSpaces/{slot}");
        Assert.Equal(("TMS_Scheduled_Meeting_1", "false"), (ended.Value("name"), ended.Value("nonMemberAccess")));
        Assert.NotEqual(MeetingSecret, ended.Value("secret"));
        Assert.False(string.IsNullOrEmpty(ended.Value("secret")));
        await tms.DeleteAsync($"/api/v1/calls/{callId}");
        Assert.Equal("0", (await tms.GetAsync("/api/v1/calls")).Attribute("total")?.Value);
        Assert.Equal("0", (await tms.GetAsync("/api/v1/callLegs")).Attribute("total")?.Value);
    }

    [Fact]
    public async Task UnauthorizedOnce_AsApiTrace9498_Returns401ThenSucceedsOnRetry()
    {
        await using var sim = await StartSeedClusterAsync();
        var core1 = sim.Nodes[0];
        using var tms = new CmsHttp(core1);
        sim.SetFaults(core1.Name, new NodeFaults { UnauthorizedOnce = true });

        using (var challenged = await tms.SendAsync(HttpMethod.Get, "/api/v1/coSpaces"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
            var challenge = Assert.Single(challenged.Headers.WwwAuthenticate);
            Assert.Equal(("Basic", "realm=\"acano\""), (challenge.Scheme, challenge.Parameter));
        }
        var spaces = await tms.GetAsync("/api/v1/coSpaces");

        Assert.Equal("0", spaces.Attribute("total")?.Value);
        var trace = await TraceAsync(sim, core1.Name);
        var numbers = RequestNumbers(trace, "GET", "/api/v1/coSpaces");
        Assert.Equal(2, numbers.Count);
        Assert.Equal(numbers[0] + 1, numbers[1]);
        Assert.Equal(["GET for \"/api/v1/coSpaces\" (from 127.0.0.1)", "sending 401 response, size 0", "WWW-Authenticate: Basic realm=\"acano\""],
            LinesOf(trace, numbers[0]));
        Assert.Equal("sending 200 response, size 52", LinesOf(trace, numbers[1])[1]);
    }

    [Fact]
    public async Task ApiTrace_ProfilePostsAndDiscovery_HaveTheSeedsFormat()
    {
        await using var sim = await StartSeedClusterAsync();
        var core1 = sim.Nodes[0];
        using var tms = new CmsHttp(core1);
        await tms.GetAsync("/api/v1/system/status");
        await tms.GetAsync("/api/v1/callBridges");
        var callProfile = await tms.CreateAsync("/api/v1/callProfiles", CallProfileBody);
        var callLegProfile = await tms.CreateAsync("/api/v1/callLegProfiles", CallLegProfileBody);
        var set = await tms.CreateAsync("/api/v1/cospaceBulkParameterSets", BulkSetBody(callProfile, callLegProfile));
        var sync = await tms.CreateAsync("/api/v1/cospaceBulkSyncs", $"cospaceBulkParameterSet={set}");
        await sim.WhenBulkSyncDone(sync);
        await tms.GetAsync($"/api/v1/cospaceBulkSyncs/{sync}");
        await tms.GetAsync("/api/v1/participants");
        await tms.GetAsync("/api/v1/callegs");

        var trace = await TraceAsync(sim, core1.Name);

        var status = LinesOf(trace, RequestNumber(trace, "GET", "/api/v1/system/status"));
        Assert.Equal(["<status>", "<softwareVersion>2.0(RC)</softwareVersion>"], status[2..4]);
        Assert.Equal(["<callLegsMaxActive>0</callLegsMaxActive>", "[...]", "</status>"], status[^3..]);
        Assert.Equal(12, status.Count);
        var bridges = RequestNumber(trace, "GET", "/api/v1/callBridges");
        var lines = LinesOf(trace, bridges);
        Assert.Equal("GET for \"/api/v1/callBridges\" (from 127.0.0.1)", lines[0]);
        Assert.Equal("sending 200 response, size 250", lines[1]);
        Assert.Equal(
            [
                "<callBridges total=\"2\">", $"<callBridge id=\"{sim.Nodes[0].CallBridgeId}\">", "<name>CallBridge-Core1</name>", "</callBridge>",
                $"<callBridge id=\"{sim.Nodes[1].CallBridgeId}\">", "<name>CallBridge-Core2</name>", "</callBridge>", "</callBridges>",
            ],
            lines[2..]);
        var profile = RequestNumber(trace, "POST", "/api/v1/callProfiles");
        Assert.Equal(bridges + 1, profile);
        Assert.Equal(
            [
                "POST for \"/api/v1/callProfiles\" (from 127.0.0.1)",
                "content data size 47, type \"application/x-www-form-urlencoded\":",
                "participantLimit=1000&", "messageBoardEnabled=false",
                "sending 200 response, size 0", $"Location: /api/v1/callProfiles/{callProfile}",
            ],
            LinesOf(trace, profile));
        Assert.Contains(trace, l => l.EndsWith($"127.0.0.1: API user \"admin\" created new call profile {callProfile}", StringComparison.Ordinal));
        Assert.Equal(
            [
                "POST for \"/api/v1/callLegProfiles\" (from 127.0.0.1)",
                "content data size 167, type \"application/x-www-form-urlencoded\":",
                "defaultLayout=telepresence&", "changeLayoutAllowed=true&", "presentationContributionAllowed=true&",
                "presentationViewingAllowed=true&", "muteSelfAllowed=true&", "videoMuteSelfAllowed=true",
                "sending 200 response, size 0", $"Location: /api/v1/callLegProfiles/{callLegProfile}",
            ],
            LinesOf(trace, profile + 1));
        Assert.Equal(
            [
                "POST for \"/api/v1/cospaceBulkSyncs\" (from 127.0.0.1)",
                "content data size 60, type \"application/x-www-form-urlencoded\":",
                $"cospaceBulkParameterSet={set}",
                "sending 200 response, size 0", $"Location: /api/v1/cospaceBulkSyncs/{sync}",
            ],
            LinesOf(trace, profile + 3));
        Assert.Equal(
            [
                $"GET for \"/api/v1/cospaceBulkSyncs/{sync}\" (from 127.0.0.1)", "sending 200 response, size 210",
                $"<cospaceBulkSync id=\"{sync}\">", $"<cospaceBulkParameterSet>{set}</cospaceBulkParameterSet>",
                "<status>complete</status>", "</cospaceBulkSync>",
            ],
            LinesOf(trace, profile + 4));
        Assert.Equal(
            ["GET for \"/api/v1/participants\" (from 127.0.0.1)", "sending 200 response, size 60", "<participants total=\"0\"></participants>"],
            LinesOf(trace, profile + 5));
        Assert.Equal(
            ["GET for \"/api/v1/callegs\" (from 127.0.0.1)", "sending 200 response, size 52", "<callLegs total=\"0\"></callLegs>"],
            LinesOf(trace, profile + 6));
    }

    [Fact]
    public async Task ApiTrace_StartPutWithPasscode_MasksThePasscodeEverywhere()
    {
        const string Passcode = "8642097531";
        await using var sim = await StartSeedClusterAsync();
        var core1 = sim.Nodes[0];
        using var tms = new CmsHttp(core1);
        var slot = await tms.CreateAsync("/api/v1/coSpaces", "name=TMS_Scheduled_Meeting_1&uri=1&callId=1");
        await tms.CreateAsync($"/api/v1/coSpaces/{slot}/accessMethods", $"uri=host.1&passcode={Passcode}");

        await tms.PutAsync($"/api/v1/cospaces/{slot}", $"&nonMemberAccess=true&passcode={Passcode}&name={MeetingName}&secret={MeetingSecret}");
        var detail = await tms.GetAsync($"/api/v1/coSpaces/{slot}");
        await tms.GetAsync($"/api/v1/coSpaces/{slot}/accessMethods");

        Assert.Equal(Passcode, detail.Value("passcode"));
        var trace = await TraceAsync(sim, core1.Name);
        var put = RequestNumber(trace, "PUT", $"/api/v1/cospaces/{slot}");
        Assert.Equal(
            [
                $"PUT for \"/api/v1/cospaces/{slot}\" (from 127.0.0.1)",
                "content data size 127, type \"application/x-www-form-urlencoded\":",
                "&", "nonMemberAccess=true&", "passcode=*****", $"name={MeetingName}&", $"secret={MeetingSecret}",
                "sending 200 response, size 0",
            ],
            LinesOf(trace, put));
        Assert.DoesNotContain(trace, l => l.Contains(Passcode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkSet_SeedsContentSize250_IsTheBodyWithIndexPlaceholdersAndGivesTheSameSpaces()
    {
        // The seed logs the set as 250 bytes, 21 more than the body as printed: three "$index$" that
        // the log dropped. Both forms must give TMS_Scheduled_Meeting_1..5 with URI and call ID 1..5.
        await using var sim = await StartSeedClusterAsync();
        using var tms = new CmsHttp(sim.Nodes[0]);
        var callProfile = await tms.CreateAsync("/api/v1/callProfiles", CallProfileBody);
        var callLegProfile = await tms.CreateAsync("/api/v1/callLegProfiles", CallLegProfileBody);
        var body = BulkSetBody(callProfile, callLegProfile)
            .Replace("Mapping=&", "Mapping=$index$&", StringComparison.Ordinal)
            .Replace("Meeting_&", "Meeting_$index$&", StringComparison.Ordinal);

        var set = await tms.CreateAsync("/api/v1/cospaceBulkParameterSets", body);
        var sync = await tms.CreateAsync("/api/v1/cospaceBulkSyncs", $"cospaceBulkParameterSet={set}");

        Assert.Equal("complete", await sim.WhenBulkSyncDone(sync));
        var trace = await TraceAsync(sim, sim.Nodes[0].Name);
        Assert.Equal("content data size 250, type \"application/x-www-form-urlencoded\":",
            LinesOf(trace, RequestNumber(trace, "POST", "/api/v1/cospaceBulkParameterSets"))[1]);
        var spaces = await tms.GetAsync("/api/v1/coSpaces");
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => $"TMS_Scheduled_Meeting_{i} {i} {i}"),
            spaces.Elements("coSpace").Select(s => $"{s.Value("name")} {s.Value("uri")} {s.Value("callId")}"));
    }

    [Fact]
    public async Task Status_OnVersion2_HasTheSeedsTwelveFieldsIn518Bytes()
    {
        // API trace 8889: "sending 200 response, size 518" at uptime 333717 and cdrTime 2016-07-26T14:08:19Z.
        var cdrTime = new DateTimeOffset(2016, 7, 26, 14, 8, 19, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(cdrTime.AddSeconds(-333717));
        await using var sim = await CmsSimulatorHost.StartAsync(o => o.SoftwareVersion = "2.0(RC)", time, TestContext.Current.CancellationToken);
        using var tms = new CmsHttp(sim.Nodes[0]);
        time.Advance(TimeSpan.FromSeconds(333717));

        using var response = await tms.SendAsync(HttpMethod.Get, "/api/v1/system/status");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(518, response.Content.Headers.ContentLength);
        var status = XElement.Parse(body);
        Assert.Equal(
            [
                "softwareVersion", "uptimeSeconds", "cdrTime", "activated", "clusterEnabled", "callLegsActive", "callLegsMaxActive",
                "callLegsCompleted", "audioBitRateOutgoing", "audioBitRateIncoming", "videoBitRateOutgoing", "videoBitRateIncoming",
            ],
            status.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("333717", "2016-07-26T14:08:19Z"), (status.Value("uptimeSeconds"), status.Value("cdrTime")));
    }

    [Fact]
    public async Task CallProfile_MessageBoardEnabledOnVersion2_IsStoredAsSent()
    {
        await using var sim = await StartSeedClusterAsync();
        using var tms = new CmsHttp(sim.Nodes[0]);

        var id = await tms.CreateAsync("/api/v1/callProfiles", CallProfileBody);

        var profile = await tms.GetAsync($"/api/v1/callProfiles/{id}");
        Assert.Equal(("1000", "false"), (profile.Value("participantLimit"), profile.Value("messageBoardEnabled")));
    }

    private static async Task AssertStatusAsync(CmsHttp tms, int legsActive)
    {
        var status = await tms.GetAsync("/api/v1/system/status");
        Assert.Equal("status", status.Name.LocalName);
        Assert.Equal(
            ["softwareVersion", "uptimeSeconds", "cdrTime", "activated", "clusterEnabled", "callLegsActive", "callLegsMaxActive"],
            status.Elements().Take(7).Select(e => e.Name.LocalName));
        Assert.Equal("2.0(RC)", status.Value("softwareVersion"));
        Assert.Matches(@"^\d+$", status.Value("uptimeSeconds") ?? "");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", status.Value("cdrTime") ?? "");
        Assert.Equal(("true", "true"), (status.Value("activated"), status.Value("clusterEnabled")));
        Assert.Equal(legsActive.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Value("callLegsActive"));
        Assert.NotNull(status.Element("callLegsMaxActive"));
    }

    internal static async Task<List<string>> TraceAsync(CmsSimulatorHost sim, string node)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(sim.ControlUrl, $"sim/nodes/{node}/trace?max=100000"), TestContext.Current.CancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..]).ToList();
    }

    /// <summary>The number of the last traced request with this method and path.</summary>
    internal static int RequestNumber(List<string> trace, string method, string path) => RequestNumbers(trace, method, path)[^1];

    /// <summary>The numbers of every traced request with this method and path, oldest first.</summary>
    internal static List<int> RequestNumbers(List<string> trace, string method, string path) =>
        trace.Where(l => l.EndsWith($": {method} for \"{path}\" (from 127.0.0.1)", StringComparison.Ordinal))
            .Select(l => int.Parse(TraceNumber().Match(l).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The messages of one traced request, without the syslog prefix and "API trace N: ".</summary>
    internal static List<string> LinesOf(List<string> trace, int n)
    {
        var marker = $"INFO : API trace {n}: ";
        return trace.Where(l => l.Contains(marker, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]).ToList();
    }

    [GeneratedRegex(@"API trace (\d+): ")]
    private static partial Regex TraceNumber();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidPattern();
}
