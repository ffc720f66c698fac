using Convene.Cms.Simulator;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>Failed dial-outs of Automatic meetings dialled again with back-off, never twice after a lost answer.</summary>
public abstract class DialOutRetriesTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Retry_BusyFarEnd_RetriedTwiceWithBackOffThenFailsWithTheReason()
    {
        await StartAsync();
        await RegisterAsync();
        var carol = DialOut("busy.carol@example.com", "Carol");
        var (_, callId) = await RunningMeetingAsync(participants: carol);
        await DialAsLifecycleAsync(callId, carol);
        var start = Convene.Clock.GetUtcNow();

        Advance(TimeSpan.FromMilliseconds(300));
        var first = await WhenAsync(carol.Id, p => p.State == ParticipantState.Failed, "Failed");
        Assert.Equal(("remoteBusy", start.AddMilliseconds(300).AddSeconds(30)), (first.Reason, first.RetryAtUtc));
        Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await RetriesAsync());
        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RetriesAsync());
        Assert.Equal(2, await DialOutsAsync(callId));

        Advance(TimeSpan.FromMilliseconds(300));
        var second = await WhenAsync(carol.Id, p => p.State == ParticipantState.Failed && p.Attempts == 2, "Failed again");
        Assert.Equal(Convene.Clock.GetUtcNow().AddSeconds(60), second.RetryAtUtc);
        Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await RetriesAsync());
        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RetriesAsync());

        Advance(TimeSpan.FromMilliseconds(300));
        var last = await WhenAsync(carol.Id, p => p.State == ParticipantState.Failed && p.Attempts == 3, "Failed a third time");
        Assert.Equal(("remoteBusy", (DateTimeOffset?)null), (last.Reason, last.RetryAtUtc));
        Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await RetriesAsync());
        Assert.Equal(3, await DialOutsAsync(callId));
    }

    [Fact(Timeout = 60_000)]
    public async Task Retry_ManualMeeting_IsNotRetried()
    {
        await StartAsync();
        await RegisterAsync();
        var carol = DialOut("busy.carol@example.com", "Carol");
        var (_, callId) = await RunningMeetingAsync(LaunchType.Manual, participants: carol);
        await DialAsLifecycleAsync(callId, carol);

        Advance(TimeSpan.FromMilliseconds(300));
        var failed = await WhenAsync(carol.Id, p => p.State == ParticipantState.Failed, "Failed");

        Assert.Null(failed.RetryAtUtc);
        Assert.Equal("remoteBusy", failed.Reason);
    }

    [Fact(Timeout = 60_000)]
    public async Task Retry_AnswerLostAfterTheBridgeDialled_FindsTheLegByOwnerIdAndNeverDialsTwice()
    {
        await StartAsync();
        await RegisterAsync();
        var dave = DialOut("dave@example.com", "Dave");
        var (_, callId) = await RunningMeetingAsync(participants: dave);
        var due = Convene.Clock.GetUtcNow();
        await Convene.DbAsync(db => db.MeetingParticipants.Where(p => p.Id == dave.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.State, ParticipantState.Failed).SetProperty(p => p.Reason, "remoteBusy")
            .SetProperty(p => p.Attempts, 1).SetProperty(p => p.RetryAtUtc, due), Ct));
        Cluster.SetFaults(Cluster.Nodes[0].Name, new NodeFaults { LoseNextAnswer = true });

        var retry = RetriesAsync();
        // The simulator holds the answer back on Convene's clock: each wait it begins wakes this read.
        await UntilAsync(async () => (Dialled: await DialOutsAsync(callId), Ended: retry.IsCompleted), d => d.Dialled > 0 || d.Ended, "the retry dialled");
        Assert.False(retry.IsCompleted, "The retry ended without dialling.");
        Advance(TimeSpan.FromSeconds(15)); // the request timeout: the answer is lost

        Assert.Equal(1, await retry);
        using var cms = Cluster.Client();
        var legs = await cms.ListCallLegsAsync(callId, cancellationToken: Ct).ToListAsync(Ct);
        var leg = Assert.Single(legs);
        var found = await ParticipantAsync(dave.Id);
        Assert.Equal((leg.Id, 2, (DateTimeOffset?)null), (found.CallLegId, found.Attempts, found.RetryAtUtc));
        Assert.NotEqual(ParticipantState.Failed, found.State);
        Assert.Equal(1, await DialOutsAsync(callId));
    }
}

public sealed class DialOutRetriesTests_Sqlite() : DialOutRetriesTests(DatabaseKind.Sqlite, null);

public sealed class DialOutRetriesTests_Postgres(PostgresServer postgres) : DialOutRetriesTests(DatabaseKind.Postgres, postgres);
