using Convene.Meetings;

namespace Convene.Tests.Live;

/// <summary>The polling fallback: participant states from the node's call legs when no CDR comes.</summary>
public abstract class LivePollingTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Poll_NoReceiver_FollowsDialOutsAndDialInsFromTheCallLegs()
    {
        await StartAsync(receiver: false);
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, callId) = await RunningMeetingAsync(participants: alice);
        var leg = await DialAsLifecycleAsync(callId, alice);
        Advance(TimeSpan.FromMilliseconds(300));
        Advance(TimeSpan.FromMilliseconds(1500));
        var guestLeg = await DialInAsync(meeting, "bob@guest.example.com");
        var before = (await RequestsAsync(Cluster)).Count;

        Assert.Equal(1, await PollAsync());

        var requests = (await RequestsAsync(Cluster)).Skip(before).Select(r => r.Line.Split('?')[0]).ToList();
        Assert.Equal($"GET /api/v1/calls/{callId}/callLegs", requests[0]);
        Assert.All(requests.Skip(1), r => Assert.StartsWith("GET /api/v1/callLegs/", r, StringComparison.Ordinal));
        Assert.True(requests.Count <= 3, string.Join("\n", requests));
        var polled = await ParticipantAsync(alice.Id);
        Assert.NotEqual(ParticipantState.Dialling, polled.State);
        var bob = await Convene.DbAsync(db => Task.FromResult(db.MeetingParticipants.Single(p => p.CallLegId == guestLeg)));
        Assert.Equal((false, ParticipantState.Connected, "bob@guest.example.com"), (bob.DialOut, bob.State, bob.Address));

        // The next run (LivePollingJob fires once per cluster and poll interval) shows a far end that hung up as gone.
        await HangUpAsync(leg);
        Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await PollAsync());
        var gone = await ParticipantAsync(alice.Id);
        Assert.Equal((ParticipantState.Disconnected, "legEnded"), (gone.State, gone.Reason));
        Assert.Equal(ParticipantState.Connected, (await ParticipantAsync(bob.Id)).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Poll_CdrsArriving_DoesNotPollUntilTheNodeFallsSilent()
    {
        await StartAsync();
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (_, callId) = await RunningMeetingAsync(participants: alice);
        await DialAsLifecycleAsync(callId, alice);
        await ConnectAsync(alice.Id);

        Assert.Equal(0, await PollAsync());
        Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await PollAsync());
        Assert.Equal(ParticipantState.Connected, (await ParticipantAsync(alice.Id)).State);
    }
}

public sealed class LivePollingTests_Sqlite() : LivePollingTests(DatabaseKind.Sqlite, null);

public sealed class LivePollingTests_Postgres(PostgresServer postgres) : LivePollingTests(DatabaseKind.Postgres, postgres);
