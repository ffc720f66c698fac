extern alias convene;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using convene::Convene;
using convene::Convene.Accounts;
using convene::Convene.Bridges;
using convene::Convene.Data;
using convene::Convene.Meetings;
using convene::Convene.Placeholders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Bench;

/// <summary>
/// Issue 9's booking targets, on SQLite and on a throwaway PostgreSQL: with 100,000 existing bookings (1,000
/// placeholders × 100 days, one hour each at a time that varies by placeholder and day), bookings per second through
/// the booking service (allocation, checks and the transaction; target ≥ 500/s, sequential and 4 in parallel) and the
/// p99 of a one-day availability query of the bridge (target ≤ 20 ms). In process, without HTTP; several runs on one
/// seeded database (each adds its bookings to the 100,000), each run's figures and their medians printed.
/// </summary>
internal static class BookingBench
{
    private const int Placeholders = 1000;
    private const int Days = 100;
    private static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int bookings, int queries, int runs, bool postgres)
    {
        Console.WriteLine($"Booking with {Placeholders * Days:N0} existing bookings, {runs} runs of {bookings:N0} new bookings (half one at a time, half 4 in parallel) and {queries:N0} availability queries");
        var file = Path.Combine(Path.GetTempPath(), $"convene-bench-{Guid.NewGuid():N}.db");
        try
        {
            await RunOnAsync("SQLite", DatabaseProvider.Sqlite, $"Data Source={file}", bookings, queries, runs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
        if (postgres)
        {
            await using var server = await ThrowawayPostgres.StartAsync();
            if (server is null)
            {
                Console.WriteLine("PostgreSQL: skipped (no /usr/lib/postgresql/*/bin/initdb).");
                return;
            }
            await RunOnAsync("PostgreSQL", DatabaseProvider.Postgres, server.ConnectionString + ";Database=convene_bench", bookings, queries, runs);
        }
    }

    private static async Task RunOnAsync(string name, DatabaseProvider provider, string connection, int bookings, int queries, int runs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<ConveneDb, PostgresConveneDb>(db => db.UseNpgsql(connection));
        }
        else
        {
            services.AddDbContext<ConveneDb, SqliteConveneDb>(db => db.UseSqlite(connection));
        }
        services.AddOptions<MeetingsOptions>().Configure(o => o.SeriesWindow = TimeSpan.FromDays(3650));
        services.AddSingleton<BookingGate>();
        services.AddScoped<PlaceholderAllocator>();
        services.AddScoped<MeetingBooking>();
        services.AddScoped<BridgeAvailability>();
        await using var provider1 = services.BuildServiceProvider();
        var bridgeId = await SeedAsync(provider1);
        var caller = new Caller(Guid.NewGuid(), "bench", Role.Administrator);

        var random = new Random(9);
        var figures = new List<(double Sequential, double Parallel, double P50, double P99, int Refused)>();
        for (var run = 1; run <= runs; run++)
        {
            var requests = Enumerable.Range(0, bookings).Select(_ => NewRequest(random)).ToList();
            var sequential = await BookAllAsync(provider1, requests[..(bookings / 2)], caller, parallel: 1);
            var parallel = await BookAllAsync(provider1, requests[(bookings / 2)..], caller, parallel: 4);
            var latencies = new List<double>(queries);
            for (var i = 0; i < queries + 20; i++)
            {
                var day = Epoch.AddDays(random.Next(Days));
                await using var scope = provider1.CreateAsyncScope();
                var clock = Stopwatch.StartNew();
                var answer = await scope.ServiceProvider.GetRequiredService<BridgeAvailability>().GetAsync(bridgeId, day, day.AddDays(1), CancellationToken.None);
                clock.Stop();
                if (i >= 20 && answer.Placeholders.Count == Placeholders)
                {
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            latencies.Sort();
            figures.Add((sequential.Rate, parallel.Rate, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], sequential.Refused + parallel.Refused));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: sequential {sequential.Rate,5:0}/s, 4 parallel {parallel.Rate,5:0}/s, {figures[^1].Refused} refused; availability p50 {figures[^1].P50:0.0} ms, p99 {figures[^1].P99:0.0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-11} medians of {runs}: sequential {Median(figures.Select(f => f.Sequential)),5:0} bookings/s, 4 parallel {Median(figures.Select(f => f.Parallel)),5:0} bookings/s (target ≥ 500/s); " +
            $"availability (1 day, {Placeholders} placeholders) p50 {Median(figures.Select(f => f.P50)):0.0} ms, p99 {Median(figures.Select(f => f.P99)):0.0} ms (target ≤ 20 ms)"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static BookMeeting NewRequest(Random random)
    {
        var start = Epoch.AddDays(random.Next(Days)).AddHours(6 + random.Next(14)).AddMinutes(15 * random.Next(4));
        return new BookMeeting("Bench", start.DateTime, start.AddMinutes(30).DateTime, "UTC", Pin: "1234",
            Participants: [new ParticipantInput("alice@example.com", "Alice")]);
    }

    private static async Task<(double Rate, int Refused)> BookAllAsync(IServiceProvider services, List<BookMeeting> requests, Caller caller, int parallel)
    {
        var refused = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests.Count)
            {
                await using var scope = services.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<MeetingBooking>().BookAsync(requests[i], caller, CancellationToken.None);
                }
                catch (ProblemException e) when (e.Status == 409)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        return (requests.Count / clock.Elapsed.TotalSeconds, refused);
    }

    /// <summary>A bookable bridge with 1,000 placeholders and 100 one-hour bookings on each.</summary>
    private static async Task<Guid> SeedAsync(IServiceProvider services)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConveneDb>().Database.MigrateAsync();
        }
        var bridge = new Bridge
        {
            Id = Guid.NewGuid(), Name = "Bench", Address = "127.0.0.1:9", State = BridgeState.Active, Domain = "bench.invalid",
            NumericIdBase = 100_000, NumericIdQuantity = Placeholders, Provisioning = ProvisioningState.Complete, AddedUtc = Epoch,
        };
        var placeholders = Enumerable.Range(0, Placeholders).Select(i => new Placeholder
        {
            Id = Guid.NewGuid(), BridgeId = bridge.Id, NumericId = 100_000 + i, SpaceId = Guid.NewGuid().ToString(), Name = $"TMS_Scheduled_Meeting_{100_000 + i}",
        }).ToList();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            db.Bridges.Add(bridge);
            db.Placeholders.AddRange(placeholders);
            await db.SaveChangesAsync();
        }
        var clock = Stopwatch.StartNew();
        for (var day = 0; day < Days; day++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConveneDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var p in placeholders)
            {
                var start = Epoch.AddDays(day).AddHours(8 + ((p.NumericId + day) % 10));
                db.Meetings.Add(new Meeting
                {
                    Id = Guid.NewGuid(), BridgeId = bridge.Id, Title = "Existing", TimeZone = "UTC", StartLocal = start.DateTime, EndLocal = start.AddHours(1).DateTime,
                    StartUtc = start, EndUtc = start.AddHours(1), HoldFromUtc = start.AddMinutes(-5), HoldUntilUtc = start.AddMinutes(65),
                    PlaceholderId = p.Id, NumericId = p.NumericId, Secret = "s", Version = 1,
                });
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {Placeholders * Days:N0} bookings in {clock.Elapsed.TotalSeconds:0.0} s"));
        return bridge.Id;
    }
}

/// <summary>A PostgreSQL server from the installed binaries in a temporary directory, on 127.0.0.1, removed afterwards
/// (as the service tests start theirs); null when PostgreSQL is not installed.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;

    private ThrowawayPostgres(string binaries, string directory, string connectionString)
    {
        _binaries = binaries;
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres?> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (binaries is null)
        {
            return null;
        }
        var directory = Directory.CreateTempSubdirectory("convene-bench-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", directory);
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await PgAsync($"{binaries}/initdb -D {directory}/data -U postgres --auth=trust -E UTF8");
        await PgAsync($"{binaries}/pg_ctl -D {directory}/data -l {directory}/pg.log -o \"-c listen_addresses=127.0.0.1 -p {port} -k {directory}\" -w start");
        return new ThrowawayPostgres(binaries, directory, $"Host=127.0.0.1;Port={port};Username=postgres");
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync($"{_binaries}/pg_ctl -D {_directory}/data -m fast -w stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Task PgAsync(string command) => Environment.UserName == "root"
        ? RunAsync("su", "-s", "/bin/sh", "postgres", "-c", command)
        : RunAsync("/bin/sh", "-c", command);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
