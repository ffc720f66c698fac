using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Convene.Accounts;

namespace Convene.BrowserTests.Accounts;

[Collection(SharedBrowser.Name)]
public sealed class ChangePasswordPageTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task ChangePassword_WithTheCurrentOne_ChangesItAndStaysSignedIn()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/account/password");
        var page = session.Page;
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("change-password");

        await page.GetByLabel("Current password").FillAsync(session.Password!);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a-brand-new-password");
        await page.GetByLabel("Repeat the new password").FillAsync("a-brand-new-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password was changed");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(session.UserName!, "a-brand-new-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(session.UserName!, session.Password!));
        await page.GotoAsync("/");
        Assert.Equal(new Uri(browser.Address, "/").ToString(), page.Url);
    }

    [Fact(Timeout = 60_000)]
    public async Task ChangePassword_WrongCurrentOne_ShowsTheErrorAndKeepsThePassword()
    {
        await using var session = await browser.SignInAsync(Role.Viewer, "/account/password");
        var page = session.Page;

        await page.GetByLabel("Current password").FillAsync("not-the-password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a-brand-new-password");
        await page.GetByLabel("Repeat the new password").FillAsync("a-brand-new-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The current password is wrong.");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(session.UserName!, session.Password!));
    }

    private async Task<HttpStatusCode> MeAsync(string userName, string password)
    {
        using var http = new HttpClient { BaseAddress = browser.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return (await http.GetAsync("/api/account/me", Ct)).StatusCode;
    }
}
