using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Tests;

namespace Convene.BrowserTests;

/// <summary>
/// One Convene for a whole test collection — real Kestrel on 127.0.0.1 and a free port, a SQLite database, the
/// demo's simulated CMS cluster as its bridge — and one headless Debian Chromium driven by Playwright. Each
/// test opens its own browser context (<see cref="OpenAsync"/>, <see cref="SignInAsync"/>), so cookies never
/// leak between tests. Chromium is <c>/usr/bin/chromium</c> (test.sh installs it from apt); nothing is downloaded.
/// </summary>
public sealed class ConveneBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private int _users;
    private TestDatabase? _database;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ConveneFactory Convene { get; private set; } = default!;

    /// <summary>Where Convene listens: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address => Convene.Address;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (apt-get install chromium; test.sh does).");
        }
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, null);
        Convene = ConveneFactory.Start(_database, settings =>
        {
            settings["Convene:Demo:SimulatedCluster"] = "true";
            settings["Convene:Demo:BasePort"] = "0"; // test projects run side by side
            // A page whose leaving the server did not hear of (its disconnect beacon lost on a loaded machine) ends its
            // circuit after 5 s instead of 3 minutes, so a test that checks a left page's circuit ends can wait for it.
            settings["Convene:Ui:Live:DisconnectedRetention"] = "00:00:05";
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (no cookies, 1280×800) with a page at <paramref name="path"/>.</summary>
    public async Task<BrowserSession> OpenAsync(string path = "/", int width = 1280, int height = 800)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return new BrowserSession(context, page);
    }

    /// <summary>Creates a user of <paramref name="role"/> through the users API (as the administrator), signs in
    /// with the sign-in page's form in a fresh context and waits for <paramref name="path"/> (a path and query) to open.</summary>
    public async Task<BrowserSession> SignInAsync(Role role, string path = "/")
    {
        var (userName, password) = await CreateUserAsync(role);
        var session = await OpenAsync($"{UiSignIn.SignInPath}?returnUrl={Uri.EscapeDataString(path)}");
        session.UserName = userName;
        session.Password = password;
        await SignInWithFormAsync(session.Page, userName, password);
        // The page, or where it redirects (/scalar to /scalar/).
        await session.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(new Uri(Address, path).AbsolutePath, StringComparison.Ordinal)
            && !url.Contains(UiSignIn.SignInPath, StringComparison.Ordinal));
        return session;
    }

    /// <summary>Fills and sends the sign-in form of the page (which must be at <c>/signin</c>).</summary>
    public static async Task SignInWithFormAsync(IPage page, string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A new user of <paramref name="role"/> with a unique name, made with <c>POST /api/users</c>.</summary>
    public async Task<(string UserName, string Password)> CreateUserAsync(Role role)
    {
        var userName = $"{role.ToString().ToLowerInvariant()}-{Interlocked.Increment(ref _users)}";
        var password = $"password-of-{userName}";
        var response = await Convene.Client().PostAsJsonAsync("/api/users", new NewUser(userName, password, role), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"Creating {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return (userName, password);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Convene is not null)
        {
            await Convene.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The tests sharing one <see cref="ConveneBrowser"/>: put <c>[Collection(SharedBrowser.Name)]</c> on a test class.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<ConveneBrowser>
{
    public const string Name = "Browser";
}
