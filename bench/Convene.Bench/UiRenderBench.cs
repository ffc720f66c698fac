extern alias convene;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using convene::Convene.Bridges;
using convene::Convene.Data;
using convene::Convene.Meetings;
using convene::Convene.Placeholders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Bench;

/// <summary>
/// How long the web UI's main pages take to render with a realistic amount of data: 50 bridges with 20 placeholders each
/// and 10,000 bookings (over 50 days from now, 10 per placeholder) seeded into a SQLite database, Convene started as its
/// own process on it, an administrator signed in with the cookie, then each page asked for several times in turn. Per
/// page: the median and p95 of the time from sending the request to the last byte of the answer (server-side rendering,
/// as static SSR sends the whole page at once), beside the target of 1 s. A page that answers 404 is not built on this
/// branch yet and is printed as missing.
/// </summary>
internal static class UiRenderBench
{
    private const string AdminPassword = "bench-admin-password";
    private const int Bridges = 50;
    private const int PlaceholdersPerBridge = 20;
    private const int Bookings = 10_000;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(int requests)
    {
        var directory = Directory.CreateTempSubdirectory("convene-ui-");
        var database = $"Data Source={Path.Combine(directory.FullName, "bench.db")}";
        try
        {
            var bridge = await SeedAsync(database);
            var port = Harness.FreePort();
            using var convene = Harness.StartConvene(directory.FullName, port, AdminPassword, "--Database:ConnectionString", database);
            try
            {
                using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
                {
                    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                    Timeout = TimeSpan.FromMinutes(2),
                };
                await SignInAsync(http, convene);
                string[] pages = ["/", "/bridges", $"/bridges/{bridge}", "/meetings", "/calendar", "/live", "/tickets", "/users", "/settings"];
                Console.WriteLine($"Render time (request sent to last byte), {requests} requests per page after 2 warm-up requests; target {Target.TotalMilliseconds:0} ms");
                Console.WriteLine($"{"page",-48} {"median",9} {"p95",9}  verdict");
                foreach (var page in pages)
                {
                    Console.WriteLine(await MeasureAsync(http, page, requests));
                }
            }
            finally
            {
                convene.Kill(entireProcessTree: true);
                await convene.WaitForExitAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(HttpClient http, string page, int requests)
    {
        var times = new List<double>(requests);
        for (var i = 0; i < requests + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return $"{page,-48} {"",9} {"",9}  missing (404: not on this branch yet)";
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"{page,-48} {"",9} {"",9}  answered {(int)response.StatusCode} {response.Headers.Location}";
            }
            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            _ = body;
        }
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{page,-48} {median,6:0.0} ms {p95,6:0.0} ms  {(p95 <= Target.TotalMilliseconds ? "ok" : "OVER TARGET")}");
    }

    private static async Task SignInAsync(HttpClient http, Process convene)
    {
        for (var i = 0; i < 300; i++)
        {
            if (convene.HasExited)
            {
                throw new InvalidOperationException($"Convene exited with {convene.ExitCode}.");
            }
            try
            {
                using var login = await http.PostAsJsonAsync("/api/account/login", new { userName = "admin", password = AdminPassword });
                if (login.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException("Convene did not let the administrator sign in within 30 s.");
    }

    /// <summary>Migrates the database and adds the bridges, placeholders and bookings; the id of the first bridge.</summary>
    private static async Task<Guid> SeedAsync(string connection)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ConveneDb, SqliteConveneDb>(db => db.UseSqlite(connection));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
        await db.Database.MigrateAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var placeholders = new List<Placeholder>();
        var first = Guid.Empty;
        for (var b = 0; b < Bridges; b++)
        {
            // Unreachable on purpose (port 9, discard): the pages read the database, not the bridges.
            var bridge = new Bridge
            {
                Id = Guid.NewGuid(), Name = $"Bench bridge {b + 1:00}", Address = "127.0.0.1:9", State = BridgeState.Active, Domain = $"b{b}.bench.invalid",
                NumericIdBase = 100_000 + (b * 1000), NumericIdQuantity = PlaceholdersPerBridge, Provisioning = ProvisioningState.Complete, AddedUtc = now,
            };
            first = first == Guid.Empty ? bridge.Id : first;
            db.Bridges.Add(bridge);
            placeholders.AddRange(Enumerable.Range(0, PlaceholdersPerBridge).Select(i => new Placeholder
            {
                Id = Guid.NewGuid(), BridgeId = bridge.Id, NumericId = bridge.NumericIdBase.Value + i, SpaceId = Guid.NewGuid().ToString(),
                Name = $"TMS_Scheduled_Meeting_{bridge.NumericIdBase.Value + i}",
            }));
        }
        db.Placeholders.AddRange(placeholders);
        // 10 one-hour bookings per placeholder, one every 5 days at a time of day that varies, from tomorrow on.
        var perPlaceholder = Bookings / placeholders.Count;
        foreach (var (p, n) in placeholders.Select((p, n) => (p, n)))
        {
            for (var k = 0; k < perPlaceholder; k++)
            {
                var start = today.AddDays(1 + (k * 5) + (n % 5)).AddHours(8 + ((n + k) % 10));
                db.Meetings.Add(new Meeting
                {
                    Id = Guid.NewGuid(), BridgeId = p.BridgeId, Title = $"Bench meeting {n}-{k}", TimeZone = "UTC", StartLocal = start.DateTime,
                    EndLocal = start.AddHours(1).DateTime, StartUtc = start, EndUtc = start.AddHours(1), HoldFromUtc = start.AddMinutes(-5),
                    HoldUntilUtc = start.AddMinutes(65), PlaceholderId = p.Id, NumericId = p.NumericId, Secret = "s", Version = 1,
                    OrganizerName = "admin",
                });
            }
        }
        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  seeded {Bridges} bridges, {placeholders.Count:N0} placeholders and {perPlaceholder * placeholders.Count:N0} bookings in {clock.Elapsed.TotalSeconds:0.0} s"));
        return first;
    }
}
