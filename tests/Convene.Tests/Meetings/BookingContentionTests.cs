using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Convene.Tests.Meetings;

/// <summary>
/// Bookings racing for the same placeholders on PostgreSQL, where two Convene instances share one database: every
/// booking either gets a placeholder or answers 409, and none waits long for the others (issue 9's storm books 200
/// meetings for one minute through two processes). The bounds are timeouts (a booking that hangs fails the test),
/// never a timed assertion.
/// </summary>
public sealed class BookingContentionTests_Postgres(PostgresServer postgres) : BookingTest(DatabaseKind.Postgres, postgres)
{
    /// <summary>How long one booking may take at most: its wait for the others (BookingWait, 5 s) and its own work on
    /// a busy machine. Without the gate, 100 bookings for one minute kept some waiting over 20 s.</summary>
    private static readonly TimeSpan EachBooking = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 120_000)]
    public async Task Book_HundredAtOnceForOneSlotThroughTwoInstances_EachAnswersPromptlyAndHoldsItsOwnPlaceholder()
    {
        // Two instances whose pools together stay within the server's default of 100 connections.
        Action<IDictionary<string, string?>> settings = s => s["Database:ConnectionString"] += ";Maximum Pool Size=30";
        await StartAsync(settings);
        await AddBridgeAsync(100);
        HttpClient[] clients = [Admin, StartConvene(Convene.Database, settings).Client()];
        foreach (var client in clients)
        {
            client.Timeout = EachBooking;
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => clients[i % 2].PostAsJsonAsync("/api/meetings", Request(title: $"Race {i:000}"), Ct)));

        // Each one booked, or (on a machine so busy that the queue took longer than BookingWait) told to try again.
        var booked = new List<long>();
        var busy = 0;
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("https://convene.invalid/problems/booking-busy", (await ProblemAsync(response, HttpStatusCode.Conflict)).Type);
                busy++;
            }
            else
            {
                booked.Add((await BookedAsync(response)).NumericId!.Value);
            }
        }
        for (var i = 0; i < busy; i++)
        {
            booked.Add((await BookAsync(Request(title: $"Again {i:000}"))).NumericId!.Value);
        }
        Assert.Equal(Enumerable.Range(1000, 100).Select(n => (long)n), booked.Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task Book_PlaceholderHoldBeingChangedByAnUnfinishedTransaction_AnswersConflictInsteadOfWaiting()
    {
        await StartAsync(s => s["Convene:Meetings:BookingWait"] = "00:00:02");
        await AddBridgeAsync(1);
        var first = await BookAsync(Request(start: "2026-12-01T10:00:00", end: "2026-12-01T11:00:00"));
        // Another writer (an instance stalled in the middle of extending the meeting) lengthens its hold and does not
        // commit: a booking that needs the placeholder after the old hold cannot know yet whether it is free.
        await using var writer = new NpgsqlConnection(Convene.Database.ConnectionString);
        await writer.OpenAsync(Ct);
        await using var stalled = await writer.BeginTransactionAsync(Ct);
        await using (var extend = new NpgsqlCommand("""UPDATE "Meetings" SET "HoldUntilUtc" = "HoldUntilUtc" + interval '2 hours' WHERE "Id" = $1""", writer, stalled))
        {
            extend.Parameters.AddWithValue(first.Id);
            Assert.Equal(1, await extend.ExecuteNonQueryAsync(Ct));
        }

        var response = await Admin.PostAsJsonAsync("/api/meetings", Request(start: "2026-12-01T11:30:00", end: "2026-12-01T12:00:00"), Ct)
            .WaitAsync(EachBooking, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("try again", problem.Detail, StringComparison.Ordinal);
        await stalled.RollbackAsync(Ct);
        var later = await BookAsync(Request(start: "2026-12-01T11:30:00", end: "2026-12-01T12:00:00"));
        Assert.Equal(1000, later.NumericId);
    }
}
