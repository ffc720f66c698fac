using Convene.Data;
using Convene.Meetings;
using Convene.Tests.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Meetings;

/// <summary>Two writers of one participant row (a CDR on one instance, the engine on another): neither loses the
/// other's change; a meeting's own version conflict is still thrown.</summary>
public abstract class ParticipantConcurrencyTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    private static async Task<(AsyncServiceScope Scope, ConveneDb Db, MeetingParticipant Participant)> WriterAsync(ConveneFactory convene, Guid participantId)
    {
        var scope = convene.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        return (scope, db, await db.MeetingParticipants.SingleAsync(p => p.Id == participantId, Ct));
    }

    private async Task<(ConveneFactory Convene, Meeting Meeting)> BookedAsync()
    {
        var (_, convene, _, bridge) = await StartWithPlaceholdersAsync();
        return (convene, await BookAsync(convene, bridge.Id, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), dialOuts: ["bob@example.com"]));
    }

    [Fact(Timeout = 120_000)]
    public async Task Save_TwoWritersChangeDifferentFields_BothChangesAreKept()
    {
        var (convene, meeting) = await BookedAsync();
        var id = meeting.Participants[0].Id;
        var (cdrScope, cdr, fromCdr) = await WriterAsync(convene, id);
        var (engineScope, engine, fromEngine) = await WriterAsync(convene, id);
        await using (cdrScope)
        await using (engineScope)
        {
            fromCdr.State = ParticipantState.Connected;
            fromCdr.CallLegId = "leg-from-cdr";
            await cdr.SaveChangesAsync(Ct);

            fromEngine.Attempts = 2;
            fromEngine.Reason = "seen by the engine";
            await engine.SaveChangesAsync(Ct);

            Assert.Equal((ParticipantState.Connected, "leg-from-cdr"), (fromEngine.State, fromEngine.CallLegId)); // merged in memory too
        }

        var row = Assert.Single((await MeetingAsync(convene, meeting.Id)).Participants);
        Assert.Equal((ParticipantState.Connected, "leg-from-cdr", 2, "seen by the engine", 2L), (row.State, row.CallLegId, row.Attempts, row.Reason, row.Version));
    }

    [Fact(Timeout = 120_000)]
    public async Task Save_TwoWritersChangeTheSameField_TheLaterWinsAndTheOtherFieldsStay()
    {
        var (convene, meeting) = await BookedAsync();
        var id = meeting.Participants[0].Id;
        var (firstScope, first, a) = await WriterAsync(convene, id);
        var (secondScope, second, b) = await WriterAsync(convene, id);
        await using (firstScope)
        await using (secondScope)
        {
            a.State = ParticipantState.Ringing;
            a.InLobby = true;
            await first.SaveChangesAsync(Ct);
            b.State = ParticipantState.Connected;
            await second.SaveChangesAsync(Ct);
        }

        var row = Assert.Single((await MeetingAsync(convene, meeting.Id)).Participants);
        Assert.Equal((ParticipantState.Connected, true), (row.State, row.InLobby));
    }

    [Fact(Timeout = 120_000)]
    public async Task Save_RowDeletedByTheOtherWriter_StaysDeleted()
    {
        var (convene, meeting) = await BookedAsync();
        var id = meeting.Participants[0].Id;
        var (scope, db, participant) = await WriterAsync(convene, id);
        await using (scope)
        {
            await convene.DbAsync(other => other.MeetingParticipants.Where(p => p.Id == id).ExecuteDeleteAsync(Ct));
            participant.State = ParticipantState.Connected;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Empty((await MeetingAsync(convene, meeting.Id)).Participants);
    }

    [Fact(Timeout = 120_000)]
    public async Task Save_MeetingChangedMeanwhile_StillThrowsAConcurrencyConflict()
    {
        var (convene, meeting) = await BookedAsync();
        await using var firstScope = convene.Services.CreateAsyncScope();
        await using var secondScope = convene.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<ConveneDb>();
        var second = secondScope.ServiceProvider.GetRequiredService<ConveneDb>();
        var a = await first.Meetings.SingleAsync(m => m.Id == meeting.Id, Ct);
        var b = await second.Meetings.SingleAsync(m => m.Id == meeting.Id, Ct);
        a.Title = "First";
        a.Version++;
        await first.SaveChangesAsync(Ct);

        b.Title = "Second";
        b.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }
}

public sealed class ParticipantConcurrencyTests_Sqlite() : ParticipantConcurrencyTests(DatabaseKind.Sqlite, null);

public sealed class ParticipantConcurrencyTests_Postgres(PostgresServer postgres) : ParticipantConcurrencyTests(DatabaseKind.Postgres, postgres);
