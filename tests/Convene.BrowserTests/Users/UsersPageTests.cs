using System.Text.RegularExpressions;
using Convene.Accounts;

namespace Convene.BrowserTests.Users;

[Collection(SharedBrowser.Name)]
public sealed partial class UsersPageTests(ConveneBrowser browser)
{
    private const string InitialPassword = "initial-password-1";

    [Fact(Timeout = 90_000)]
    public async Task Users_Administrator_CreatesChangesTheRoleAndDisablesAUserWhoseSessionEnds()
    {
        await using var admin = await browser.SignInAsync(Role.Administrator, "/users");
        var page = admin.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("users");

        var name = NewName("made");
        await CreateAsync(page, name, "Operator", InitialPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} was added as Operator.");
        await Assertions.Expect(page).ToHaveURLAsync(UserPage());
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("user-edit");

        await page.GetByLabel($"Role of {name}").SelectOptionAsync("Viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is now Viewer");

        await using var user = await browser.OpenAsync($"{UiSignIn.SignInPath}?returnUrl=%2Fsettings");
        await ConveneBrowser.SignInWithFormAsync(user.Page, name, InitialPassword);
        await Assertions.Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} was disabled");

        await user.Page.ReloadAsync();
        await Assertions.Expect(user.Page).ToHaveURLAsync(new Regex(@"/signin\?returnUrl=%2Fsettings$"));
        await page.GotoAsync("/users");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Viewer");
        await Assertions.Expect(row).ToContainTextAsync("Disabled");
    }

    [Fact(Timeout = 60_000)]
    public async Task Users_Viewer_IsDenied()
    {
        await using var viewer = await browser.SignInAsync(Role.Viewer);

        await viewer.Page.GotoAsync("/users");

        await Assertions.Expect(viewer.Page).ToHaveURLAsync(new Regex("/denied"));
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" })).ToHaveCountAsync(0);
        await viewer.Page.AssertAccessibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Users_CreateWithAShortPasswordOrATakenName_ShowsTheErrorsInline()
    {
        await using var admin = await browser.SignInAsync(Role.Administrator, "/users");
        var page = admin.Page;

        await CreateAsync(page, NewName("short"), "Viewer", "short");
        await Assertions.Expect(page.Locator("#new-password-error")).ToHaveTextAsync("A password of 10 to 256 characters is required.");
        await Assertions.Expect(page.Locator("#new-password-error")).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(page.GetByLabel("Initial password")).ToHaveValueAsync("");

        await CreateAsync(page, admin.UserName!.ToUpperInvariant(), "Viewer", InitialPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("exists (names are compared without regard to case)");
    }

    [Fact(Timeout = 60_000)]
    public async Task Users_ResetPassword_LetsTheUserSignInWithTheNewOne()
    {
        var (name, _) = await browser.CreateUserAsync(Role.Booker);
        await using var admin = await browser.SignInAsync(Role.Administrator, "/users");
        var page = admin.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

        await page.GetByLabel($"New password for {name}").FillAsync("a-reset-password-1");
        await page.GetByLabel("Repeat the new password").FillAsync("a-reset-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} has a new password");

        await using var user = await browser.OpenAsync($"{UiSignIn.SignInPath}?returnUrl=%2F");
        await ConveneBrowser.SignInWithFormAsync(user.Page, name, "a-reset-password-1");
        await Assertions.Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Users_OwnPage_OffersNoRoleOrDisableForm()
    {
        await using var admin = await browser.SignInAsync(Role.Administrator, "/users");
        var page = admin.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = admin.UserName!, Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("This is you")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change role" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Disable {admin.UserName}" })).ToHaveCountAsync(0);
    }

    private static async Task CreateAsync(IPage page, string name, string role, string password)
    {
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await page.GetByLabel("Initial password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
    }

    private static string NewName(string kind) => $"ui-{kind}-{Guid.NewGuid():N}"[..20];

    [GeneratedRegex(@"/users/[0-9a-f-]{36}\?done=created$")]
    private static partial Regex UserPage();
}
