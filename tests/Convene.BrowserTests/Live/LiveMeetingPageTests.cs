using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Convene.Accounts;
using Convene.Ui.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Convene.BrowserTests.Live;

/// <summary><c>/live/{id}</c>: one meeting followed live (no reload) and controlled through the REST endpoints' code.</summary>
[Collection(SharedBrowser.Name)]
public sealed class LiveMeetingPageTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task LiveMeeting_Operator_FollowsTheBridgeAndControlsTheMeetingWithoutReload()
    {
        var convene = browser.Convene;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Live control {suffix}";
        var (id, start, end) = await LiveBooking.BookAsync(convene, convene.Client(), title,
            ("Alice", $"alice-{suffix}@example.com"), ("Bob", $"bob-{suffix}@example.com"));
        await using var session = await browser.SignInAsync(Role.Operator, $"/live/{id}");
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);
        await LiveBooking.ExpectStateAsync(page, "Booked");
        var loads = 0;
        page.Load += (_, _) => loads++;

        // The start, run on the fake clock, shows without a reload.
        await LiveBooking.OpenAsync(convene, start);
        var watch = Stopwatch.StartNew();
        await LiveBooking.ExpectStateAsync(page, "Running");
        LiveBooking.Report($"Running shown {watch.ElapsedMilliseconds} ms after the start's transition returned.");

        // The simulator answers both dial-outs; the poll that sees it saves, and the page follows.
        await LiveBooking.ConnectedAsync(convene, id);
        watch.Restart();
        await Assertions.Expect(page.Locator(".participants .state-good")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        LiveBooking.Report($"Both Connected shown {watch.ElapsedMilliseconds} ms after the poll saved them.");
        await Assertions.Expect(page.Locator(".summary")).ToContainTextAsync("CallBridge");

        // A change through the REST API (another path than this page) shows too.
        var bob = (await LiveBooking.MeetingAsync(convene, id)).Participants.Single(p => p.Name == "Bob");
        var patched = await convene.Client().PatchAsJsonAsync($"/api/meetings/{id}/participants/{bob.Id}", new { muteVideo = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        watch.Restart();
        await Assertions.Expect(page.Locator("tr[data-participant='Bob']")).ToContainTextAsync("Video muted", new() { Timeout = 10_000 });
        LiveBooking.Report($"Bob's video mute (REST) shown {watch.ElapsedMilliseconds} ms after the API answered.");

        // Mute Alice from the page: the mark shows and the bridge's leg is muted.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mute audio of Alice" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-participant='Alice']")).ToContainTextAsync("Audio muted");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unmute audio of Alice" })).ToBeVisibleAsync();
        Assert.True((await LiveBooking.LegAsync(convene, id, "Alice")).Configuration?.RxAudioMute);

        // A dial-out with a wrong address is refused next to the field.
        await page.GetByLabel("Address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dial out" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dial-address-error")).ToContainTextAsync("is not a SIP URI");
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("The participant is not valid.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dial out" })).ToBeEnabledAsync();

        // Extend by 15 minutes: the new end shows.
        await page.GetByRole(AriaRole.Button, new() { Name = "+15 min" }).ClickAsync();
        var newEnd = end.AddMinutes(15).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("meeting-end")).ToHaveTextAsync(newEnd);
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("Extended by 15 min");

        // A longer extension would overlap a booking of the same placeholder: refused, naming it, and the end stays.
        var (blocker, blockerTitle) = await LiveBooking.BlockAfterAsync(convene, id);
        await page.GetByLabel("Minutes").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Extend", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync($"The placeholder is booked by '{blockerTitle}'");
        // Its times as the page shows every time (the user's zone, here the server's: UTC), not the API's ISO text.
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC to "));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = blockerTitle })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("meeting-end")).ToHaveTextAsync(newEnd);
        await LiveBooking.CancelAsync(convene, blocker);

        // The timeline lists the CMS requests of the start, with node, method, path and status.
        var timeline = page.Locator(".timeline");
        await Assertions.Expect(timeline.Locator("tr.kind-CmsRequest").Filter(new() { HasText = "POST /api/v1/calls" }).First).ToContainTextAsync("200");
        await Assertions.Expect(timeline.Locator("tr.kind-CmsRequest").Filter(new() { HasText = "/callLegs" }).First).ToContainTextAsync("CallBridge");
        await Assertions.Expect(timeline.Locator("tr.kind-Participant").Filter(new() { HasText = "audio muted" })).ToHaveCountAsync(1);

        // Banner and lock.
        await page.GetByLabel("Banner text").FillAsync("Five minutes left");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show banner" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Banner shown.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".summary .locked")).ToHaveTextAsync("Locked");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unlock" })).ToBeVisibleAsync();
        await Assertions.Expect(timeline).ToContainTextAsync("Banner shown: Five minutes left");

        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("live-meeting");

        // Bob's leg goes from the bridge before Convene learns of it: the mute the page sends is refused by the bridge, and
        // the refusal (which saves nothing, so no change is signalled) shows inline once the request is answered.
        await LiveBooking.HangUpOnTheBridgeAsync(convene, id, "Bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mute audio of Bob" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("The bridge refused");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mute audio of Bob" })).ToBeEnabledAsync();

        // End now, after a confirm step.
        await page.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"End “{title}” for everyone now?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, end the meeting" }).ClickAsync();
        await LiveBooking.ExpectStateAsync(page, "Ended");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "End now" })).ToHaveCountAsync(0);
        Assert.Equal(0, loads);
    }

    [Fact(Timeout = 120_000)]
    public async Task LiveMeeting_ChangeThisProcessDidNotSave_ShowsAtTheNextPeriodicRead()
    {
        var convene = browser.Convene;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (id, _, _) = await LiveBooking.BookAsync(convene, convene.Client(), $"Elsewhere {suffix}");
        await using var session = await browser.SignInAsync(Role.Operator, $"/live/{id}");
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Elsewhere {suffix}" })).ToBeVisibleAsync();

        // As another instance would: a write this process's save path never sees, so no notification.
        await convene.DbAsync(db => db.Meetings.Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Title, $"Renamed elsewhere {suffix}"), Ct));
        convene.Clock.Advance(convene.Services.GetRequiredService<IOptions<LiveViewOptions>>().Value.RefreshInterval);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Renamed elsewhere {suffix}" })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task LiveMeeting_Viewer_SeesNoControlsAndAnActionIsRefused()
    {
        var convene = browser.Convene;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (id, _, _) = await LiveBooking.BookAsync(convene, convene.Client(), $"Viewed {suffix}", ("Carol", $"carol-{suffix}@example.com"));
        await using var session = await browser.SignInAsync(Role.Viewer, $"/live/{id}");
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);

        await LiveBooking.ExpectStateAsync(page, "Booked");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Carol" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "End now" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "+15 min" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disconnect Carol" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Only an Operator or the meeting's organiser controls it.")).ToBeVisibleAsync();

        // The same action behind the buttons, as this Viewer: the REST API and the page's handler both refuse it.
        var viewer = convene.Client(session.UserName, session.Password);
        var ended = await viewer.PostAsync($"/api/meetings/{id}/end", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, ended.StatusCode);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, nameof(Role.Viewer)), new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], "test"));
        var control = convene.Services.GetRequiredService<LiveControl>();
        var outcome = await control.EndAsync(id, principal, Ct);
        Assert.Equal(403, outcome.Status);
        var meeting = await LiveBooking.MeetingAsync(convene, id);
        Assert.Equal(Convene.Meetings.MeetingState.Booked, meeting.State);
        await page.AssertAccessibleAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task LiveMeeting_BookerOfAnotherMeeting_IsNotShownIt()
    {
        var convene = browser.Convene;
        var (id, _, _) = await LiveBooking.BookAsync(convene, convene.Client(), $"Not yours {Guid.NewGuid():N}");
        await using var session = await browser.SignInAsync(Role.Booker, $"/live/{id}");

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("that you may see");
        await Assertions.Expect(session.Page.GetByText("Not yours")).ToHaveCountAsync(0);
    }
}
