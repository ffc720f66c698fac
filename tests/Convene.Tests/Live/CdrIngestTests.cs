using Convene.Cms;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>Participant states driven by the CDRs the simulated CMS POSTs to Convene over loopback.</summary>
public abstract class CdrIngestTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Cdr_DialOutRingsConnectsAndHangsUp_ParticipantFollowsEveryStateWithTheReason()
    {
        await StartAsync();
        await RegisterAsync();
        var alice = DialOut("alice@example.com", "Alice");
        var (meeting, callId) = await RunningMeetingAsync(participants: alice);

        var leg = await DialAsLifecycleAsync(callId, alice);
        Advance(TimeSpan.FromMilliseconds(300));
        await WhenAsync(alice.Id, p => p.State == ParticipantState.Ringing, "Ringing");
        Advance(TimeSpan.FromMilliseconds(1500));
        var connected = await WhenAsync(alice.Id, p => p.State == ParticipantState.Connected, "Connected");
        Assert.Equal(leg, connected.CallLegId);
        await HangUpAsync(leg);
        var gone = await WhenAsync(alice.Id, p => p.State == ParticipantState.Disconnected, "Disconnected");

        Assert.False(string.IsNullOrEmpty(gone.Reason));
        var events = (await EventsAsync(meeting.Id)).Where(e => e.Kind == MeetingEventKind.Participant && e.ParticipantId == alice.Id && !e.Text.EndsWith(": Dialling", StringComparison.Ordinal)).Select(e => e.Text).ToList();
        Assert.Equal(["Alice (alice@example.com): Ringing", "Alice (alice@example.com): Connected", $"Alice (alice@example.com): Disconnected ({gone.Reason})"], events);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cdr_DialInLegNotKnown_AppearsAsADialInParticipant()
    {
        await StartAsync();
        await RegisterAsync();
        var (meeting, _) = await RunningMeetingAsync(LaunchType.Manual);

        var leg = await DialInAsync(meeting, "bob@guest.example.com");

        var bob = await UntilAsync(() => Convene.DbAsync(db => db.MeetingParticipants.AsNoTracking()
            .FirstOrDefaultAsync(p => p.MeetingId == meeting.Id && p.CallLegId == leg && p.State == ParticipantState.Connected, Ct)), p => p is not null, "the dial-in connected");
        Assert.NotNull(bob);
        Assert.False(bob.DialOut);
        Assert.Equal("bob@guest.example.com", bob.Address);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cdr_LegWaitingForAnActivator_ShowsInLobbyUntilAdmitted()
    {
        await StartAsync();
        await RegisterAsync();
        var guest = DialOut("guest@example.com", "Guest");
        var (meeting, callId) = await RunningMeetingAsync(participants: guest);

        var leg = await DialAsLifecycleAsync(callId, guest, overrides: new CallLegChanges { NeedsActivation = true });
        await ConnectAsync(guest.Id);
        await WhenAsync(guest.Id, p => p.State == ParticipantState.Connected && p.InLobby, "Connected in the lobby");
        using (var cms = Cluster.Client())
        {
            await cms.UpdateCallLegAsync(leg, new CallLegChanges { Deactivated = false }, Ct);
        }
        await WhenAsync(guest.Id, p => p.State == ParticipantState.Connected && !p.InLobby, "admitted");

        Assert.Contains(await EventsAsync(meeting.Id), e => e.Text == "Guest (guest@example.com): Connected (in the lobby)");
    }
}

public sealed class CdrIngestTests_Sqlite() : CdrIngestTests(DatabaseKind.Sqlite, null);

public sealed class CdrIngestTests_Postgres(PostgresServer postgres) : CdrIngestTests(DatabaseKind.Postgres, postgres);
