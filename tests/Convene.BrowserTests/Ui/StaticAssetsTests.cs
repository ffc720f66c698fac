using System.Net;
using System.Text.RegularExpressions;

namespace Convene.BrowserTests.Ui;

/// <summary>The static web assets are served outside Development too (the tests run in "Testing").</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class StaticAssetsTests(ConveneBrowser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Assets_Anonymous_BlazorScriptAndStylesheetAreServed()
    {
        using var http = new HttpClient { BaseAddress = browser.Address };
        var signIn = await http.GetStringAsync("/signin", Ct);
        var stylesheet = Stylesheet().Match(signIn);
        var script = Script().Match(signIn);
        Assert.True(stylesheet.Success, signIn);
        Assert.True(script.Success, signIn);

        var css = await http.GetAsync(stylesheet.Groups[1].Value, Ct);
        var js = await http.GetAsync(script.Groups[1].Value, Ct);
        var plainJs = await http.GetAsync("/_framework/blazor.web.js", Ct);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--accent", await css.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plainJs.StatusCode);
        Assert.Equal("text/javascript", plainJs.Content.Headers.ContentType?.MediaType);

        // The bundle of the components' own (scoped) stylesheets.
        var scoped = ScopedStylesheet().Match(signIn);
        Assert.True(scoped.Success, signIn);
        var bundle = await http.GetAsync(scoped.Groups[1].Value, Ct);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("min-width", await bundle.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]*convene[^\"]*\\.css)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]*Convene\\.[^\"]*styles\\.css)\"")]
    private static partial Regex ScopedStylesheet();

    [GeneratedRegex("<script src=\"([^\"]*blazor\\.web[^\"]*\\.js)\"")]
    private static partial Regex Script();
}
