using System.Net;
using System.Net.Http.Json;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.BrowserTests.Meetings;

/// <summary>What the booking and calendar tests share: the demo's simulated bridge, a day of their own, and booking through the API.</summary>
public static class Bookings
{
    private static int _days = 10;

    /// <summary>The demo's simulated bridge (provisioned, so it takes bookings) and its placeholder count.</summary>
    public static async Task<(Guid Id, int Placeholders)> DemoBridgeAsync(ConveneBrowser browser)
    {
        var id = await browser.Convene.DbAsync(db => db.DemoBridges.Select(d => d.BridgeId).OrderBy(d => d).FirstAsync(TestContext.Current.CancellationToken));
        await browser.Convene.ProvisioningIdleAsync(id);
        var count = await browser.Convene.DbAsync(db => db.Placeholders.CountAsync(p => p.BridgeId == id, TestContext.Current.CancellationToken));
        return (id, count);
    }

    /// <summary>A date no other test of this collection books on (the fake clock's today plus 10, 13, 16, … days), as yyyy-MM-dd.</summary>
    public static DateOnly OwnDay(ConveneBrowser browser) =>
        DateOnly.FromDateTime(browser.Convene.Clock.GetUtcNow().UtcDateTime).AddDays(Interlocked.Add(ref _days, 3));

    /// <summary>Books through <c>POST /api/meetings</c> (UTC zone) with the given client; returns the meeting's id.</summary>
    public static async Task<Guid> BookAsync(HttpClient client, string title, DateTime start, TimeSpan length, Guid? bridgeId = null)
    {
        var response = await client.PostAsJsonAsync("/api/meetings", new
        {
            title,
            start = start.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            end = (start + length).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            timeZone = "UTC",
            bridgeId,
        }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<IdOnly>(TestContext.Current.CancellationToken))!.Id;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record IdOnly(Guid Id);
}
