using Convene.Bridges;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Lifecycle;

/// <summary>The Quartz wiring: a meeting saved without calling the engine gets its triggers (the save interceptor), and
/// Quartz, on Convene's clock, fires them; with two instances on one PostgreSQL each meeting opens and ends once.</summary>
public abstract class LifecycleSchedulingTests(DatabaseKind kind, PostgresServer? postgres) : LifecycleTest(kind, postgres)
{
    [Fact(Timeout = 180_000)]
    public async Task SavedMeeting_WhenItsTimeComes_IsStartedAndEndedByQuartz()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        await PutSettingsAsync(client, bridge.Id, new BridgeSettings("Core", "video.example.com", 1, 3));
        await convene.ProvisioningIdleAsync(bridge.Id);
        var booked = await BookAsync(convene, bridge.Id, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), LaunchType.Manual);
        await UntilAsync(convene, () => TriggerCountAsync(convene, booked.Id), n => n == 4, "the start, warning and end triggers"); // warnings at 5 and 1 minutes

        convene.Clock.Advance(booked.StartUtc.AddMinutes(-5) - convene.Clock.GetUtcNow());
        await UntilAsync(convene, () => StateAsync(convene, booked.Id), s => s == MeetingState.Running, "the meeting running");
        await UntilAsync(convene, () => TriggerCountAsync(convene, booked.Id), n => n == 3, "the warning and end triggers"); // the start's is gone once it ran

        convene.Clock.Advance(booked.EndUtc - convene.Clock.GetUtcNow());
        await UntilAsync(convene, () => StateAsync(convene, booked.Id), s => s == MeetingState.Ended, "the meeting ended");
        using var cms = cluster.Client();
        Assert.Empty(await cms.ListCallsAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    protected static Task<MeetingState> StateAsync(ConveneFactory convene, Guid id) =>
        convene.DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.State).SingleAsync(Ct));

    internal static Task<int> TriggerCountAsync(ConveneFactory convene, Guid id) => convene.DbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group = '{id:D}'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>Reads again at each event of Convene (a trigger stored or removed, a job run, a measurement) until the
    /// value holds, within a bound (no timed assertion: the bound only stops a hang).</summary>
    internal static Task UntilAsync<T>(ConveneFactory convene, Func<Task<T>> read, Func<T, bool> holds, string what) =>
        ConveneEvents.UntilAsync(convene, read, holds, what);
}

public sealed class LifecycleSchedulingTests_Sqlite() : LifecycleSchedulingTests(DatabaseKind.Sqlite, null);

public sealed class LifecycleSchedulingTests_Postgres(PostgresServer postgres) : LifecycleSchedulingTests(DatabaseKind.Postgres, postgres);
