using Convene.Accounts;

namespace Convene.BrowserTests.Ui.Layout;

[Collection(SharedBrowser.Name)]
public sealed class MainLayoutTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task Nav_Viewer_HasNoUsersLink()
    {
        await using var session = await browser.SignInAsync(Role.Viewer);
        var nav = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Systems" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Nav_Booker_HasNoUsersOrApiReferenceLink()
    {
        await using var session = await browser.SignInAsync(Role.Booker);
        var nav = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Meetings" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator(".role-badge")).ToHaveTextAsync("Booker");
    }

    [Fact(Timeout = 60_000)]
    public async Task Nav_Administrator_HasEveryLink()
    {
        await using var session = await browser.SignInAsync(Role.Administrator);
        var nav = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var (name, href) in new[] { ("Systems", "bridges"), ("Meetings", "meetings"), ("Calendar", "calendar"), ("Conference control", "live"),
            ("Tickets", "tickets"), ("Users", "users"), ("Settings", "settings"), ("API reference", "scalar") })
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", href);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ApiReference_SignedIn_RendersTheOpenApiDocument()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/scalar");

        await Assertions.Expect(session.Page.GetByText("/api/bridges").First).ToBeVisibleAsync();
    }
}
