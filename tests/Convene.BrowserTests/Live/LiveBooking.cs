using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.Lifecycle;
using Convene.Live;
using Convene.Meetings;
using Convene.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.BrowserTests.Live;

/// <summary>What the live pages' tests share: booking a meeting on the demo's simulated bridge through the API, running
/// its transitions on the fake clock, and following its dial-outs, which the demo's simulator (on real time) rings and
/// answers within about two seconds; Convene of the browser tests has no CDR receiver, so polling finds them.</summary>
internal static class LiveBooking
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How long a wait for the bridge may take before the test fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Books a meeting opening (start less 5 min early join) 5 min from the fake clock's now, 30 min long, with
    /// dial-outs to <paramref name="people"/> (name, address), as <paramref name="client"/>'s user. Returns its id and start.</summary>
    public static async Task<(Guid Id, DateTimeOffset StartUtc, DateTimeOffset EndUtc)> BookAsync(ConveneFactory convene, HttpClient client, string title,
        params (string Name, string Address)[] people)
    {
        var now = convene.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified).AddMinutes(11);
        var response = await client.PostAsJsonAsync("/api/meetings", new
        {
            title,
            start = start.ToString("s", CultureInfo.InvariantCulture),
            end = start.AddMinutes(30).ToString("s", CultureInfo.InvariantCulture),
            timeZone = "UTC",
            earlyJoinMinutes = 5,
            participants = people.Select(p => new { address = p.Address, name = p.Name }).ToArray(),
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Booking answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (root.GetProperty("id").GetGuid(), root.GetProperty("startUtc").GetDateTimeOffset(), root.GetProperty("endUtc").GetDateTimeOffset());
    }

    /// <summary>Moves the fake clock to the meeting's open time and runs what is due (the start: space, call, dial-outs).</summary>
    public static async Task OpenAsync(ConveneFactory convene, DateTimeOffset startUtc)
    {
        var opens = startUtc.AddMinutes(-5);
        if (opens > convene.Clock.GetUtcNow())
        {
            convene.Clock.AdjustTime(opens);
        }
        await convene.Services.GetRequiredService<LifecycleRunner>().RunDueAsync(Ct);
    }

    /// <summary>Polls the bridge (as the polling fallback does) until every dial-out of the meeting is Connected; returns
    /// when the poll that saw it saved. A bounded poll: the demo's simulator answers in real time.</summary>
    public static async Task ConnectedAsync(ConveneFactory convene, Guid meetingId)
    {
        var bound = Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = convene.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<LivePolling>().RunAsync(Ct);
            }
            var states = await convene.DbAsync(db => db.MeetingParticipants.AsNoTracking().Where(p => p.MeetingId == meetingId).Select(p => p.State).ToListAsync(Ct));
            if (states.Count > 0 && states.All(s => s == ParticipantState.Connected))
            {
                return;
            }
            Assert.True(bound.Elapsed < Bound, $"The participants never connected: {string.Join(", ", states)}.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, Ct);
        }
    }

    /// <summary>Polls <paramref name="holds"/> (bounded) for what happens outside the page and the test's reach, such as a
    /// circuit ending after its browser left.</summary>
    public static async Task UntilAsync(Func<bool> holds, string what)
    {
        var bound = Stopwatch.StartNew();
        while (!holds())
        {
            Assert.True(bound.Elapsed < Bound, $"Never happened: {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, Ct);
        }
    }

    /// <summary>Inserts a booked meeting holding the same placeholder right after <paramref name="meetingId"/>'s hold, as a
    /// booking made meanwhile would; returns its title. <see cref="CancelAsync"/> releases it.</summary>
    public static Task<(Guid Id, string Title)> BlockAfterAsync(ConveneFactory convene, Guid meetingId) => convene.DbAsync(async db =>
    {
        var before = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, Ct);
        var start = before.HoldUntilUtc.AddMinutes(5);
        var blocker = new Meeting
        {
            Id = Guid.NewGuid(), BridgeId = before.BridgeId, Title = $"Blocker {Guid.NewGuid():N}"[..16], TimeZone = "UTC", OrganizerName = "admin",
            StartUtc = start, EndUtc = start.AddMinutes(30), StartLocal = start.UtcDateTime, EndLocal = start.AddMinutes(30).UtcDateTime,
            HoldFromUtc = before.HoldUntilUtc, HoldUntilUtc = start.AddMinutes(30), PlaceholderId = before.PlaceholderId, NumericId = before.NumericId,
            Launch = LaunchType.Automatic, EarlyJoinMinutes = 5,
        };
        db.Meetings.Add(blocker);
        await db.SaveChangesAsync(Ct);
        return (blocker.Id, blocker.Title);
    });

    /// <summary>Cancels a meeting <see cref="BlockAfterAsync"/> inserted, freeing its placeholder.</summary>
    public static Task CancelAsync(ConveneFactory convene, Guid id) => convene.DbAsync(async db =>
    {
        var meeting = await db.Meetings.SingleAsync(m => m.Id == id, Ct);
        meeting.State = MeetingState.Cancelled;
        meeting.PlaceholderId = null;
        return await db.SaveChangesAsync(Ct);
    });

    public static Task<Meeting> MeetingAsync(ConveneFactory convene, Guid id) =>
        convene.DbAsync(db => db.Meetings.AsNoTracking().Include(m => m.Participants).SingleAsync(m => m.Id == id, Ct));

    /// <summary>The participant's call leg as the bridge shows it (<c>GET /callLegs/{id}</c> on the node hosting the call).</summary>
    public static async Task<Cms.CmsCallLeg> LegAsync(ConveneFactory convene, Guid meetingId, string name)
    {
        var meeting = await MeetingAsync(convene, meetingId);
        var leg = meeting.Participants.Single(p => p.Name == name).CallLegId!;
        await using var scope = convene.Services.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<Dialler>().ClientAsync(meeting, Ct);
        return await client.GetCallLegAsync(leg, Ct);
    }

    /// <summary>Deletes the participant's call leg on the bridge directly, as a far end hanging up unseen would.</summary>
    public static async Task HangUpOnTheBridgeAsync(ConveneFactory convene, Guid meetingId, string name)
    {
        var meeting = await MeetingAsync(convene, meetingId);
        var leg = meeting.Participants.Single(p => p.Name == name).CallLegId!;
        await using var scope = convene.Services.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<Dialler>().ClientAsync(meeting, Ct);
        await client.DeleteCallLegAsync(leg, Ct);
    }

    /// <summary>Waits (bounded, on the page: Playwright's own retries) until the page shows a meeting <paramref name="state"/>.</summary>
    public static Task ExpectStateAsync(IPage page, string state) =>
        Assertions.Expect(page.Locator(".summary dd").First).ToContainTextAsync(state, new() { Timeout = 10_000 });

    /// <summary>Waits until the page's circuit is up (its buttons work).</summary>
    public static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    /// <summary>Writes a measurement to the test's output.</summary>
    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
