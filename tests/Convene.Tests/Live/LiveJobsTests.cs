using Convene.Meetings;

namespace Convene.Tests.Live;

/// <summary>The live jobs on Quartz: a bridge added while Convene runs gets its receiver, a due retry is dialled.</summary>
public abstract class LiveJobsTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Jobs_BridgeAddedAndRetryDue_RegisterTheReceiverAndDialAgain()
    {
        await StartAsync(settings: s =>
        {
            s["Convene:Lifecycle:SchedulerEnabled"] = "true";
            s["Convene:Live:TickInterval"] = "00:00:05";
            // The fake clock jumps 30 s at once: within the misfire threshold a job due meanwhile fires at once, instead of
            // being moved to its next interval (which the fake clock would never reach) when the machine is slow.
            s["Convene:Lifecycle:MisfireThreshold"] = "00:10:00";
        });
        using var cms = Cluster.Client();

        // The bridge was added after the start-up run: the change scan, due 15 s after it, finds its node.
        Advance(TimeSpan.FromSeconds(15));
        await UntilAsync(async () => (await cms.GetCdrReceiversAsync(Ct)).Receivers.Count, n => n == 1, "the receiver registered");

        var carol = DialOut("busy.carol@example.com", "Carol");
        var (_, callId) = await RunningMeetingAsync(participants: carol);
        await DialAsLifecycleAsync(callId, carol);
        // The busy far end answers 300 ms after the dial. Its CDR can come later than that on a loaded machine; the
        // polling fallback (every 5 s here) then finds the failure. Time moves on in 300 ms steps, waiting for Convene
        // between them, until the failure is saved: at most 6 s, well short of the 30 s retry delay.
        var failed = WhenAsync(carol.Id, p => p.State == ParticipantState.Failed && p.RetryAtUtc is not null, "Failed with a retry");
        for (var step = 0; step < 20 && !failed.IsCompleted; step++)
        {
            Advance(TimeSpan.FromMilliseconds(300));
            await Task.WhenAny(failed, Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, Ct));
        }
        await failed;
        Advance(TimeSpan.FromSeconds(30));

        await UntilAsync(() => DialOutsAsync(callId), n => n == 2, "the retry dialled");
    }
}

public sealed class LiveJobsTests_Sqlite() : LiveJobsTests(DatabaseKind.Sqlite, null);
