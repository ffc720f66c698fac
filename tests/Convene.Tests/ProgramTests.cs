using System.Diagnostics;

namespace Convene.Tests;

/// <summary>Convene run as its own process (the built Convene.dll), as an administrator starts it.</summary>
public sealed class ProgramTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SecretFiles = ["data/convene.db", "data/convene.db-wal", "data/convene.db-shm", "convene-keys.pfx", "initial-admin-password.txt"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 60_000)]
    [InlineData("Convene:Status:Interval", "often", "Convene:Status:Interval")]
    [InlineData("Convene:Admin:UserName", "ad:min", "Convene:Admin:UserName")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Convene:DataProtection:CertificatePath", "/nonexistent/keys.pfx", "Convene:DataProtection:CertificatePath")]
    [InlineData("Convene:ForwardedHeaders:KnownProxies", "not-an-address", "Convene:ForwardedHeaders:KnownProxies")]
    [InlineData("Convene:SignIn:LockoutThreshold", "0", "Convene:SignIn:LockoutThreshold")]
    public async Task Start_WithABadValue_EndsWithExitCode1AndOneLineNamingTheKeyBeforeMakingAnyFile(string key, string value, string named)
    {
        var folder = Directory.CreateTempSubdirectory("convene-start-").FullName;
        try
        {
            var (convene, outputs) = Start(folder, $"--{key}", value);
            using var process = convene;

            await convene.WaitForExitAsync(Ct);

            var output = await outputs.Output;
            var error = (await outputs.Error).Trim();
            Assert.Equal(1, convene.ExitCode);
            Assert.DoesNotContain('\n', error);
            Assert.StartsWith("Convene cannot start: ", error, StringComparison.Ordinal);
            Assert.Contains(named, error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_OnAFreshFolder_MakesEveryFileWithSecretsReadableByItsOwnerOnly()
    {
        var folder = Directory.CreateTempSubdirectory("convene-start-").FullName;
        try
        {
            var (convene, outputs) = Start(folder);
            using var process = convene;
            var data = Path.Combine(folder, "data");
            var files = SecretFiles.Select(f => Path.Combine(folder, f)).ToList();
            try
            {
                // Made one after the other while Convene starts: wait for the last, for 30 s at most.
                for (var waited = 0; waited < 600 && !files.All(File.Exists) && !convene.HasExited; waited++)
                {
                    await Task.Delay(50, Ct);
                }
                if (convene.HasExited)
                {
                    Assert.Fail($"Convene ended with {convene.ExitCode}: {await outputs.Error}");
                }
                Assert.True(files.All(File.Exists), $"Missing: {string.Join(", ", files.Where(f => !File.Exists(f)))}");

                Assert.All(files, f => Assert.Equal((f, OwnerOnly), (f, File.GetUnixFileMode(f))));
                Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            }
            finally
            {
                convene.Kill(entireProcessTree: true);
                await convene.WaitForExitAsync(Ct);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts Convene.dll in <paramref name="folder"/> (its content root), with its SQLite database in
    /// <c>data/</c> under it (a folder Convene makes), on a free loopback port.</summary>
    private static (Process Process, (Task<string> Output, Task<string> Error) Outputs) Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Convene.dll"), "--urls", "http://127.0.0.1:0",
            "--Database:ConnectionString", $"Data Source={Path.Combine(folder, "data", "convene.db")}", "--Logging:LogLevel:Default", "Warning" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Convene.dll.");
        // Read both at once from the start, or a full pipe would stop Convene.
        return (process, (process.StandardOutput.ReadToEndAsync(Ct), process.StandardError.ReadToEndAsync(Ct)));
    }
}
