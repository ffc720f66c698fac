using System.Text.Json;

namespace Convene.BrowserTests;

/// <summary>What every page test can check: accessibility with axe-core, and a screenshot kept as a test artifact.</summary>
public static class PageChecks
{
    /// <summary>The repository's root (the folder holding Convene.slnx), found from the test binaries upward.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>axe-core as npm installed it from package-lock.json (test.sh runs <c>npm ci</c> when it is missing).</summary>
    public static string AxeScript => Path.Combine(RepositoryRoot, "tests", "Convene.BrowserTests", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Runs axe-core (WCAG rules as axe ships them) on the page as it is now and fails, naming each rule and the
    /// elements it found, on any violation of serious or critical impact. Injects axe-core once per page.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: run `npm ci` in tests/Convene.BrowserTests (test.sh does).");
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`));
            }
            """);
        var violations = JsonSerializer.Deserialize<string[]>(json)!;
        Assert.True(violations.Length == 0, $"axe-core on {page.Url}:\n" + string.Join('\n', violations));
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/NAME.png</c> under the repository root
    /// (the README's pictures are copies of these committed under docs/). Returns the file's path.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Convene.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Convene.slnx above {AppContext.BaseDirectory}.");
    }
}
