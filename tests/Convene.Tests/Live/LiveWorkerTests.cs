using Convene.Meetings;

namespace Convene.Tests.Live;

/// <summary>The live timer: a bridge added while Convene runs gets its receiver, a due retry is dialled.</summary>
public abstract class LiveWorkerTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Tick_BridgeAddedAndRetryDue_RegistersTheReceiverAndDialsAgain()
    {
        await StartAsync(settings: s => s["Convene:Live:TickInterval"] = "00:00:05");
        using var cms = Cluster.Client();

        // The bridge was added after the first tick: the change scan, due 15 s after it, finds its node.
        Advance(TimeSpan.FromSeconds(15));
        await EventuallyAsync(async () => (await cms.GetCdrReceiversAsync(Ct)).Receivers.Count == 1, "the receiver registered");

        var carol = DialOut("busy.carol@example.com", "Carol");
        var (_, callId) = await RunningMeetingAsync(participants: carol);
        await DialAsLifecycleAsync(callId, carol);
        Advance(TimeSpan.FromMilliseconds(300));
        await WhenAsync(carol.Id, p => p.State == ParticipantState.Failed && p.RetryAtUtc is not null, "Failed with a retry");
        Advance(TimeSpan.FromSeconds(30));

        await EventuallyAsync(async () => await DialOutsAsync(callId) == 2, "the retry dialled");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, bound.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"Never saw {what}.");
            }
        }
    }
}

public sealed class LiveWorkerTests_Sqlite() : LiveWorkerTests(DatabaseKind.Sqlite, null);
