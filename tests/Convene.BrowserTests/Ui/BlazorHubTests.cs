using System.Net;
using Convene.Accounts;

namespace Convene.BrowserTests.Ui;

/// <summary>Interactive pages talk to the server over the Blazor hub (<c>/_blazor</c>): every signed-in role may, nobody else.</summary>
[Collection(SharedBrowser.Name)]
public sealed class BlazorHubTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 60_000)]
    [InlineData(Role.Booker, HttpStatusCode.OK)]
    [InlineData(Role.Viewer, HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Negotiate_ByRole_IsAllowedToEverySignedInUser(Role? role, HttpStatusCode expected)
    {
        await using var session = role is { } r ? await browser.SignInAsync(r) : await browser.OpenAsync("/signin");
        var cookies = await session.Context.CookiesAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = browser.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));

        var response = await http.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }
}
