using System.Text.RegularExpressions;

namespace Convene.Cms.Tests;

/// <summary>
/// The seed's sequences (add the system, create the placeholders, start a meeting with a dial-out,
/// extend, end) driven through the client, with the requests the bridge received compared to what TMS
/// sent. The client's own differences are deliberate: lists carry offset/limit, and a dial-out carries
/// an ownerId.
/// </summary>
public sealed partial class SeedSequenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedSequences_ThroughTheClient_SendWhatTmsSent()
    {
        await using var cluster = await SimulatedCluster.StartAsync(o => o.SoftwareVersion = "2.0(RC)");
        var cms = cluster.Client();

        // Adding the system: status, the call bridges and each one's detail, the two profiles.
        var status = await cms.GetSystemStatusAsync(Ct);
        var bridges = new List<CmsCallBridge>();
        await foreach (var entry in cms.ListCallBridgesAsync(Ct))
        {
            bridges.Add(await cms.GetCallBridgeAsync(entry.Id, Ct));
        }
        var callProfile = await cms.CreateCallProfileAsync(new CallProfileChanges { ParticipantLimit = 1000, MessageBoardEnabled = false }, Ct);
        var legProfile = await cms.CreateCallLegProfileAsync(new CallLegProfileChanges
        {
            DefaultLayout = Layout.Telepresence, ChangeLayoutAllowed = true, PresentationContributionAllowed = true,
            PresentationViewingAllowed = true, MuteSelfAllowed = true, VideoMuteSelfAllowed = true,
        }, Ct);
        Assert.Equal(new Version(2, 0), status.Version);
        Assert.True(status.ClusterEnabled);
        Assert.Equal(["CallBridge-Core1", "CallBridge-Core2"], bridges.Select(b => b.Name));
        Assert.All(bridges, b => Assert.StartsWith("http://127.0.0.1:", b.Address, StringComparison.Ordinal));

        // The placeholders: a bulk parameter set as TMS sent it, a sync, its status, the status again.
        var set = await cms.CreateBulkParameterSetAsync(new BulkParameterSetChanges
        {
            StartIndex = 1, EndIndex = 5, UriMapping = CmsParam.Clear, NameMapping = "TMS_Scheduled_Meeting_", CallIdMapping = CmsParam.Clear,
            CallProfile = callProfile, CallLegProfile = legProfile, NonMemberAccess = false,
        }, Ct);
        var syncId = await cms.StartBulkSyncAsync(set, cancellationToken: Ct);
        await cluster.Host.WhenBulkSyncDone(syncId);
        var sync = await cms.GetBulkSyncAsync(syncId, Ct);
        await cms.GetSystemStatusAsync(Ct);
        Assert.Equal(BulkSyncStatus.Complete, sync.Status);

        // The meeting starts in the lowest free placeholder, opened with a passcode and a secret.
        await cms.GetSystemStatusAsync(Ct);
        await cms.ListParticipantsAsync(cancellationToken: Ct).ToListAsync(Ct);
        var spaces = await cms.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct);
        var slot = spaces.Single(s => s.Name == "TMS_Scheduled_Meeting_1");
        Assert.Equal(("1", "1"), (slot.Uri, slot.CallId));
        var open = new SpaceChanges { NonMemberAccess = true, Passcode = "4711", Name = "Tim Kratzke Acano TMSXE Test Meeting", Secret = "86db1bdd-5cf7-4ea8-b88d-479195f4701a" };
        await cms.UpdateSpaceAsync(slot.Id, open, Ct);
        var call = await cms.CreateCallAsync(slot.Id, cancellationToken: Ct);
        var leg = await cms.DialOutAsync(call, new DialOut("desk.ex90@tkratzke.local"), Ct);

        // Extended: the same PUT again. Ended: the placeholder closed again, then the call deleted.
        await cms.UpdateSpaceAsync(slot.Id, open, Ct);
        await cms.UpdateSpaceAsync(slot.Id, new SpaceChanges { NonMemberAccess = false, Passcode = CmsParam.Clear, Name = "TMS_Scheduled_Meeting_1", RegenerateSecret = true }, Ct);
        await cms.DeleteCallAsync(call, Ct);
        var requests = await cluster.RequestsAsync();

        var closed = await cms.GetSpaceAsync(slot.Id, Ct);
        Assert.Equal("TMS_Scheduled_Meeting_1", closed.Name);
        Assert.False(closed.NonMemberAccess);
        Assert.Null(closed.Passcode);
        Assert.NotEqual("86db1bdd-5cf7-4ea8-b88d-479195f4701a", closed.Secret);
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));

        var ids = bridges.Select(b => b.Id).ToArray();
        Assert.Equal(
        [
            "GET /api/v1/system/status",
            "GET /api/v1/callBridges?offset=0&limit=50",
            $"GET /api/v1/callBridges/{ids[0]}",
            $"GET /api/v1/callBridges/{ids[1]}",
            "POST /api/v1/callProfiles",
            "POST /api/v1/callLegProfiles",
            "POST /api/v1/cospaceBulkParameterSets",
            "POST /api/v1/cospaceBulkSyncs",
            $"GET /api/v1/cospaceBulkSyncs/{syncId}",
            "GET /api/v1/system/status",
            "GET /api/v1/system/status",
            "GET /api/v1/participants?offset=0&limit=50",
            "GET /api/v1/coSpaces?offset=0&limit=50",
            $"PUT /api/v1/coSpaces/{slot.Id}",
            "POST /api/v1/calls",
            $"POST /api/v1/calls/{call}/callLegs",
            $"PUT /api/v1/coSpaces/{slot.Id}",
            $"PUT /api/v1/coSpaces/{slot.Id}",
            $"DELETE /api/v1/calls/{call}",
        ], requests.Where(r => !r.Contains($"callLegs/{leg}", StringComparison.Ordinal)));

        var bodies = await BodiesAsync(cluster);
        Assert.Equal("participantLimit=1000&messageBoardEnabled=false", bodies[0]);
        Assert.Equal("defaultLayout=telepresence&changeLayoutAllowed=true&presentationContributionAllowed=true&presentationViewingAllowed=true&muteSelfAllowed=true&videoMuteSelfAllowed=true", bodies[1]);
        Assert.Equal($"startIndex=1&endIndex=5&coSpaceUriMapping=&coSpaceNameMapping=TMS_Scheduled_Meeting_&coSpaceCallIdMapping=&callProfile={callProfile}&callLegProfile={legProfile}&nonMemberAccess=false", bodies[2]);
        Assert.Equal($"cospaceBulkParameterSet={set}", bodies[3]);
        Assert.Equal("name=Tim+Kratzke+Acano+TMSXE+Test+Meeting&passcode=*****&secret=86db1bdd-5cf7-4ea8-b88d-479195f4701a&nonMemberAccess=true", bodies[4]);
        Assert.Equal($"coSpace={slot.Id}", bodies[5]);
        Assert.Matches("^remoteParty=desk.ex90%40tkratzke.local&ownerId=[0-9a-f-]{36}$", bodies[6]);
        Assert.Equal(bodies[4], bodies[7]);
        Assert.Equal("name=TMS_Scheduled_Meeting_1&passcode=*****&regenerateSecret=true&nonMemberAccess=false", bodies[8]);
    }

    /// <summary>The form bodies the bridge logged, in order, joined back from their trace lines.</summary>
    private static async Task<List<string>> BodiesAsync(SimulatedCluster cluster)
    {
        var bodies = new List<string>();
        List<string>? current = null;
        foreach (var line in await cluster.TraceAsync())
        {
            var match = TraceLine().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var text = match.Groups[1].Value;
            if (text.StartsWith("content data size", StringComparison.Ordinal))
            {
                current = [];
            }
            else if (current is not null && text.StartsWith("sending ", StringComparison.Ordinal))
            {
                // A line ends at "&", except the masked passcode's, which CMS writes without it.
                bodies.Add(string.Join('&', current.Select(l => l.TrimEnd('&'))));
                current = null;
            }
            else
            {
                current?.Add(text);
            }
        }
        return bodies;
    }

    [GeneratedRegex(@"API trace \d+: (.*)$")]
    private static partial Regex TraceLine();
}
