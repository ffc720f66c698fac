using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Convene.Tests;

/// <summary>
/// The built Convene.dll run as its own process (Production environment), on a database a test gives it, with its
/// content root (where it writes <c>initial-admin-password.txt</c>) and key file in <paramref name="folder"/>, on a
/// loopback port Kestrel chooses itself (a port chosen first and released could be taken by another process before
/// Convene binds it; a client could then even reach the wrong server): its address is read from the line Kestrel logs.
/// <see cref="Kill"/> ends it as a crash does (SIGKILL, by its process id); disposing kills it too, so a failing test
/// leaves no process behind.
/// </summary>
public sealed class ConveneProcess(Process process, string folder, ConveneProcess.Written output, ConveneProcess.Written error) : IAsyncDisposable
{
    private Uri? _address;

    /// <summary>How long a start may take at most: a few seconds on two cores, half a minute seen on a machine ten times
    /// over-committed.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    private readonly List<HttpClient> _clients = [];

    /// <summary>Where it listens: http://127.0.0.1:port.</summary>
    public Uri Address => _address ?? throw new InvalidOperationException("Convene has not said where it listens yet.");

    public int ProcessId => process.Id;

    /// <summary>Starts Convene.dll, with more <paramref name="arguments"/> (<c>--Key value</c>) if given, and waits (90 s
    /// at most) until it answers HTTP; throws with what it wrote if it ends or does not answer by then.</summary>
    public static async Task<ConveneProcess> StartAsync(string folder, DatabaseKind kind, string connectionString, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Convene.dll"), "--urls", "http://127.0.0.1:0",
            "--Database:Provider", kind == DatabaseKind.Postgres ? "Postgres" : "Sqlite", "--Database:ConnectionString", connectionString,
            "--Convene:DataProtection:KeyPath", Path.Combine(folder, "convene-keys.pfx"), "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var started = Process.Start(start) ?? throw new InvalidOperationException("Could not start Convene.dll.");
        // Both read from the start, or a full pipe would stop Convene.
        var convene = new ConveneProcess(started, folder, new Written(started.StandardOutput), new Written(started.StandardError));
        try
        {
            convene._address = await convene.ListeningAsync(ct);
            await convene.WhenAnsweringAsync(ct);
            return convene;
        }
        catch
        {
            await convene.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client signed in with HTTP Basic as the first administrator, whose password Convene wrote to
    /// <c>initial-admin-password.txt</c> on its first start.</summary>
    public HttpClient AdminClient()
    {
        var password = File.ReadAllText(Path.Combine(folder, "initial-admin-password.txt")).Trim();
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        _clients.Add(client);
        return client;
    }

    /// <summary>Ends Convene at once, as a crash or a power cut does (SIGKILL), and waits until it has ended.</summary>
    public async Task KillAsync()
    {
        Kill();
        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Asks Convene to stop as a service manager does (SIGTERM: a graceful shutdown, so its logs are
    /// flushed) and waits until it has ended; kills it if it has not ended within 30 s.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
                ?? throw new InvalidOperationException("Could not run kill.");
            await signal.WaitForExitAsync(CancellationToken.None);
        }
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>What Convene wrote, for a failure message (complete once it has ended).</summary>
    public async Task<string> OutputAsync() => process.HasExited ? $"exit code {process.ExitCode}\n{await output.AllAsync()}{await error.AllAsync()}" : "(still running)";

    /// <summary>What Convene has written to its standard output so far, while it runs (a line at a time: a line
    /// half-written is not in it yet).</summary>
    public string OutputSoFar() => output.SoFar();

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }
    }

    private async Task WhenAnsweringAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < StartBound)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Convene ended while starting: {await OutputAsync()}");
            }
            try
            {
                // Any answer will do (401 included): Kestrel listens once start-up work (migrations, the first
                // administrator) is done.
                using var response = await http.GetAsync("/api/bridges", ct);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, ct);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening, but too busy to answer within 5 s: ask again.
            }
        }
        throw new TimeoutException($"Convene did not answer on {Address} within {StartBound.TotalSeconds:0} s.");
    }

    /// <summary>Where Kestrel listens, from its "Now listening on:" line (Microsoft.Hosting.Lifetime), which it logs
    /// once start-up work (migrations, the first administrator) is done.</summary>
    private async Task<Uri> ListeningAsync(CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < StartBound)
        {
            var listening = Regex.Match(output.SoFar(), @"Now listening on: (http://127\.0\.0\.1:\d+)");
            if (listening.Success)
            {
                return new Uri(listening.Groups[1].Value);
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Convene ended while starting: {await OutputAsync()}");
            }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"Convene did not say where it listens within {StartBound.TotalSeconds:0} s: {output.SoFar()}");
    }


    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        Kill();
        await process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
    }

    /// <summary>One of the process's output streams, read from the start a line at a time (a full pipe would stop Convene),
    /// so that a test can look at it while Convene runs.</summary>
    public sealed class Written
    {
        private readonly StringBuilder _text = new();
        private readonly Task _reading;

        public Written(StreamReader reader) => _reading = ReadAsync(reader);

        public string SoFar()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }

        /// <summary>Everything, once the stream has ended.</summary>
        public async Task<string> AllAsync()
        {
            await _reading;
            return SoFar();
        }

        private async Task ReadAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (_text)
                {
                    _text.Append(line).Append('\n');
                }
            }
        }
    }
}
