using System.Text.RegularExpressions;
using Convene.Accounts;
using Convene.Tests;

namespace Convene.BrowserTests.Settings;

[Collection(SharedBrowser.Name)]
public sealed class SettingsPageTests(ConveneBrowser browser)
{
    [Fact(Timeout = 60_000)]
    public async Task Settings_Viewer_ShowsTheConfigurationWithoutSecrets()
    {
        await using var viewer = await browser.SignInAsync(Role.Viewer, "/settings");
        var page = viewer.Page;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Database:Provider" })).ToContainTextAsync("SQLite");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Convene:Lifecycle:MaxConcurrency" })).ToContainTextAsync("32");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Convene:Demo:SimulatedCluster" })).ToContainTextAsync("On");
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToHaveAttributeAsync("href", "/scalar");
        await Assertions.Expect(page.GetByText("To change a setting")).ToHaveCountAsync(0);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(ConveneFactory.AdminPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-password", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("password=", RegexOptions.IgnoreCase), text);
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("settings");
    }

    [Fact(Timeout = 60_000)]
    public async Task Settings_Administrator_SeesHowToChangeThem()
    {
        await using var admin = await browser.SignInAsync(Role.Administrator, "/settings");

        await Assertions.Expect(admin.Page.GetByText("To change a setting")).ToBeVisibleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Settings_Booker_IsDenied()
    {
        await using var booker = await browser.SignInAsync(Role.Booker);

        await booker.Page.GotoAsync("/settings");

        await Assertions.Expect(booker.Page).ToHaveURLAsync(new Regex("/denied"));
    }
}
