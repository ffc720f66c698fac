using Convene.Cms.Simulator;
using Convene.Lifecycle;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>What the cluster storm's kill found, in small: a start interrupted after its call was made, while its dial-outs
/// were going out (the killed process), is finished by recovery: whoever was not dialled is
/// dialled once, a dial-out whose answer was lost is found by its ownerId, and the space is not PUT a second time.</summary>
public abstract class LifecycleInterruptedStartTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Start_InterruptedDuringItsDialOuts_IsFinishedByReconciliationDiallingEachParticipantOnce()
    {
        var (cluster, convene, booked) = await InterruptedAsync();

        await convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var running = await MeetingAsync(convene, booked.Id);
        Assert.Equal(MeetingState.Running, running.State);
        using var cms = cluster.Client();
        var legs = await cms.ListCallLegsAsync(running.CallId!, cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(["bob@example.com", "carol@example.com"], legs.Select(l => l.RemoteParty).Order(StringComparer.Ordinal));
        Assert.Equal(legs.Select(l => l.Id).Order(StringComparer.Ordinal), running.Participants.Select(p => p.CallLegId).Order(StringComparer.Ordinal));
        var dialled = (await RequestsAsync(cluster)).Where(r => r.Line == $"POST /api/v1/calls/{running.CallId}/callLegs").ToList();
        Assert.Equal(3, dialled.Count); // both at the start, then bob's again: each participant carried out once
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_ResumedWithItsCallSaved_AdoptsTheCallWithoutPuttingTheSpaceAgain()
    {
        var (cluster, convene, booked) = await InterruptedAsync();
        var before = (await RequestsAsync(cluster)).Count;

        await convene.Services.GetRequiredService<LifecycleReconciler>().ReconcileAllAsync(Ct);

        var lines = await LinesAfterAsync(cluster, before);
        var space = (await PlaceholderAsync(convene, booked.PlaceholderId!.Value)).SpaceId;
        var callId = (await MeetingAsync(convene, booked.Id)).CallId;
        // The space's call, found and adopted: no PUT of the space, no second call; the one not dialled is dialled once
        // (the others are looked up by ownerId, with GETs only).
        Assert.StartsWith($"GET /api/v1/calls?coSpaceFilter={space}", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("PUT ", StringComparison.Ordinal) || l == "POST /api/v1/calls");
        Assert.Equal([$"POST /api/v1/calls/{callId}/callLegs"], lines.Where(l => !l.StartsWith("GET ", StringComparison.Ordinal)));
    }

    /// <summary>A meeting with two dial-outs whose start made its call and was then killed while dialling, as a process
    /// killed mid-start leaves it: saved Starting with its call and both participants Dialling without a leg; on the
    /// bridge, carol's dial-out was carried out (its answer lost) and bob's never sent.</summary>
    private async Task<(CmsSimulatorHost Cluster, ConveneFactory Convene, Meeting Booked)> InterruptedAsync()
    {
        var (cluster, convene, _, bridge) = await StartWithPlaceholdersAsync();
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com", "carol@example.com"]);
        await RunAtAsync(convene, booked.StartUtc.AddMinutes(-5));
        var started = await MeetingAsync(convene, booked.Id);
        using var cms = cluster.Client();
        await cms.DeleteCallLegAsync(started.Participants.Single(p => p.Address == "bob@example.com").CallLegId!, Ct);
        await convene.DbAsync(async db =>
        {
            await db.Meetings.Where(m => m.Id == booked.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.State, MeetingState.Starting), Ct);
            return await db.MeetingParticipants.Where(p => p.MeetingId == booked.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.CallLegId, (string?)null).SetProperty(p => p.State, ParticipantState.Dialling), Ct);
        });
        var interrupted = await MeetingAsync(convene, booked.Id);
        Assert.NotNull(interrupted.CallId);
        Assert.All(interrupted.Participants, p => Assert.Null(p.CallLegId));
        Assert.Single(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
        return (cluster, convene, booked);
    }
}

public sealed class LifecycleInterruptedStartTests_Sqlite() : LifecycleInterruptedStartTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleInterruptedStartTests_Postgres(PostgresServer postgres) : LifecycleInterruptedStartTests(DatabaseKind.Postgres, postgres);
