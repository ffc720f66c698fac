using Convene.Accounts;
using Convene.Ui.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.BrowserTests.Live;

/// <summary><c>/live</c>: the meetings on a bridge now and those opening within the hour, followed without reload.</summary>
[Collection(SharedBrowser.Name)]
public sealed class LiveListTests(ConveneBrowser browser)
{
    [Fact(Timeout = 120_000)]
    public async Task LiveList_Operator_ShowsMeetingsOpeningSoonAndFollowsTheirStart()
    {
        var convene = browser.Convene;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Listed {suffix}";
        var (id, start, _) = await LiveBooking.BookAsync(convene, convene.Client(), title, ("Dave", $"dave-{suffix}@example.com"));
        await using var session = await browser.SignInAsync(Role.Operator, "/live");
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);
        var row = page.Locator($"tr[data-meeting='{id}']");

        await Assertions.Expect(row).ToContainTextAsync("Booked");
        await Assertions.Expect(row).ToContainTextAsync("Simulated CMS");
        await Assertions.Expect(row).ToContainTextAsync("opens in");

        await LiveBooking.OpenAsync(convene, start);
        await Assertions.Expect(row).ToContainTextAsync("Running", new() { Timeout = 10_000 });
        await LiveBooking.ConnectedAsync(convene, id);
        await Assertions.Expect(row.Locator(".people .state-good")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(row).ToContainTextAsync("CallBridge");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/live/{id}");

        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("live-list");

        await page.SetViewportSizeAsync(768, 1024);
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = title })).ToBeInViewportAsync();
        await page.AssertAccessibleAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await LiveBooking.InteractiveAsync(page);

        // Leaving the page ends its circuit, and with it the page's subscription.
        var notifier = convene.Services.GetRequiredService<MeetingChangeNotifier>();
        var open = notifier.Count;
        Assert.True(open >= 1, "The open page does not listen for changes.");
        await page.GotoAsync("/");
        await LiveBooking.UntilAsync(() => notifier.Count < open, "the page's subscription ended with its circuit");
    }

    [Fact]
    public void DisconnectedRetention_Configured_IsHowLongALostPagesCircuitIsKept()
    {
        // ConveneBrowser sets Convene:Ui:Live:DisconnectedRetention to 5 s; Blazor's own default is 3 minutes.
        var circuits = browser.Convene.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), circuits.DisconnectedCircuitRetentionPeriod);
    }

    [Fact(Timeout = 120_000)]
    public async Task LiveList_MeetingBookedWhileOpen_AppearsWithoutReload()
    {
        var convene = browser.Convene;
        await using var session = await browser.SignInAsync(Role.Viewer, "/live");
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);

        // Any new meeting in the window shows: the list follows every meeting, not only those it already shows.
        var (id, _, _) = await LiveBooking.BookAsync(convene, convene.Client(), $"Booked meanwhile {Guid.NewGuid():N}"[..24]);

        await Assertions.Expect(page.Locator($"tr[data-meeting='{id}']")).ToContainTextAsync("Booked");
    }

    [Fact(Timeout = 120_000)]
    public async Task LiveList_Booker_SeesOnlyTheirOwnMeetings()
    {
        var convene = browser.Convene;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (userName, password) = await browser.CreateUserAsync(Role.Booker);
        var (mine, _, _) = await LiveBooking.BookAsync(convene, convene.Client(userName, password), $"Mine {suffix}");
        var (theirs, _, _) = await LiveBooking.BookAsync(convene, convene.Client(), $"Theirs {suffix}");
        await using var session = await browser.OpenAsync($"/signin?returnUrl={Uri.EscapeDataString("/live")}");
        await ConveneBrowser.SignInWithFormAsync(session.Page, userName, password);
        var page = session.Page;
        await LiveBooking.InteractiveAsync(page);

        await Assertions.Expect(page.Locator($"tr[data-meeting='{mine}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"tr[data-meeting='{theirs}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("(yours only)")).ToBeVisibleAsync();
    }
}
