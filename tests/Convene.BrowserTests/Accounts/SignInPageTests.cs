using System.Net;
using Convene.Accounts;

namespace Convene.BrowserTests.Accounts;

[Collection(SharedBrowser.Name)]
public sealed class SignInPageTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task AnyPage_Anonymous_RedirectsToSignInWithReturnUrl()
    {
        await using var session = await browser.OpenAsync("/bridges?view=all");

        Assert.Equal(new Uri(browser.Address, "/signin?returnUrl=%2Fbridges%3Fview%3Dall").ToString(), session.Page.Url);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.Page.AssertAccessibleAsync();
        await session.Page.SaveScreenshotAsync("signin");
    }

    [Fact(Timeout = 60_000)]
    public async Task Api_AnonymousScript_Answers401WhilePagesRedirect()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = browser.Address };

        var api = await http.GetAsync("/api/bridges", Ct);
        var openApi = await http.GetAsync("/openapi/v1.json", Ct);
        var post = await http.PostAsync("/api/account/logout", null, Ct);
        var page = await http.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, openApi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?returnUrl=%2F", page.Headers.Location?.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task SignIn_ThenSignOut_ShowsTheUserAndEndsTheSession()
    {
        await using var session = await browser.SignInAsync(Role.Operator, "/account/password");
        var page = session.Page;

        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync(session.UserName!);
        await Assertions.Expect(page.Locator(".role-badge")).ToHaveTextAsync("Operator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(browser.Address, "/signin").ToString());
        await page.GotoAsync("/");

        Assert.Equal(new Uri(browser.Address, "/signin?returnUrl=%2F").ToString(), page.Url);
    }

    [Fact(Timeout = 60_000)]
    public async Task SignIn_WrongPassword_ShowsTheErrorAndStaysSignedOut()
    {
        var (userName, _) = await browser.CreateUserAsync(Role.Viewer);
        await using var session = await browser.OpenAsync("/signin");

        await ConveneBrowser.SignInWithFormAsync(session.Page, userName, "not-the-password");

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong user name or password");
        await session.Page.GotoAsync("/");
        Assert.StartsWith(new Uri(browser.Address, "/signin").ToString(), session.Page.Url, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SignIn_ReturnUrlToAnotherSite_LandsOnHome()
    {
        var (userName, password) = await browser.CreateUserAsync(Role.Viewer);
        await using var session = await browser.OpenAsync("/signin?returnUrl=%2F%2Fexample.invalid%2F");

        await ConveneBrowser.SignInWithFormAsync(session.Page, userName, password);

        await session.Page.WaitForURLAsync(new Uri(browser.Address, "/").ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task SignOut_WithoutTheFormsAntiforgeryToken_IsRefused()
    {
        await using var session = await browser.SignInAsync(Role.Viewer);
        var cookies = await session.Context.CookiesAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = browser.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));

        var response = await http.SendAsync(request, Ct);
        await session.Page.ReloadAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new Uri(browser.Address, "/").ToString(), session.Page.Url);
    }

    [Fact(Timeout = 60_000)]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRefusedWithoutACookie()
    {
        var (userName, password) = await browser.CreateUserAsync(Role.Viewer);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = browser.Address };

        var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Form.UserName"] = userName,
            ["Form.Password"] = password,
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("convene=", StringComparison.Ordinal)));
    }
}
