using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Convene.Tests.PostgresServer))]

namespace Convene.Tests;

/// <summary>
/// The PostgreSQL server the <c>_Postgres</c> tests run on: the one CONVENE_TEST_POSTGRES names (an Npgsql
/// connection string to a server on 127.0.0.1), or else a throwaway server this fixture starts from the
/// installed binaries in a temporary directory and removes afterwards. Started on first use, so a run of
/// only the SQLite tests needs no PostgreSQL.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "CONVENE_TEST_POSTGRES";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;
    private string? _directory;
    private string? _binaries;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

    /// <summary>A connection string to a new, unique database name on the server (the migrator creates it).</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var server = await ServerAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = "convene_test_" + Guid.NewGuid().ToString("N")[..16] }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="NewDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await ServerAsync()) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<string> ServerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _failure?.Throw();
            return _connectionString ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given ? given : await StartAsync();
        }
        catch (InvalidOperationException e)
        {
            // One attempt per run: every PostgreSQL test reports the same reason.
            _failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StartAsync()
    {
        _binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (_binaries is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server: install the Debian package postgresql (test.sh installs it), or set {EnvironmentVariable} to an Npgsql connection string of a server on 127.0.0.1.");
        }
        _directory = Directory.CreateTempSubdirectory("convene-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", _directory);
        }
        try
        {
            await PgAsync($"{_binaries}/initdb -D {_directory}/data -U postgres --auth=trust -E UTF8");
            // PostgreSQL takes its port as configuration, so the port is chosen before it binds it; another process
            // can take it in between (an outgoing connection's ephemeral port, on a busy machine): then another port.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                File.Delete(Path.Combine(_directory, "pg.log"));
                try
                {
                    await PgAsync($"{_binaries}/pg_ctl -D {_directory}/data -l {_directory}/pg.log -o \"-c listen_addresses=127.0.0.1 -p {port} -k {_directory} -c max_connections=300\" -w start");
                    return $"Host=127.0.0.1;Port={port};Username=postgres;Include Error Detail=true";
                }
                catch (InvalidOperationException) when (attempt < 5 && PortWasTaken())
                {
                }
            }
        }
        catch (InvalidOperationException)
        {
            Directory.Delete(_directory, recursive: true);
            _directory = null;
            throw;
        }
    }

    /// <summary>True when the server's log says it could not bind its port (its start then failed for that alone).</summary>
    private bool PortWasTaken()
    {
        var log = Path.Combine(_directory!, "pg.log");
        return File.Exists(log) && File.ReadAllText(log).Contains("Address already in use", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                await PgAsync($"{_binaries}/pg_ctl -D {_directory}/data -m fast -w stop");
            }
            finally
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        _gate.Dispose();
    }

    /// <summary>initdb refuses to run as root, so as root the server runs as the postgres user.</summary>
    private static Task PgAsync(string command) => Environment.UserName == "root"
        ? RunAsync("su", "-s", "/bin/sh", "postgres", "-c", command)
        : RunAsync("/bin/sh", "-c", command);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
