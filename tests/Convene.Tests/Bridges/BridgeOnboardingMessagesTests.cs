using System.Net;
using System.Net.Http.Json;
using Convene.Bridges;

namespace Convene.Tests.Bridges;

/// <summary>Adding a CMS that cannot be added: the failure comes within the time it states and points at
/// the cause (the scheme, the port, the credentials).</summary>
public abstract class BridgeOnboardingMessagesTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task Add_ServerThatAcceptsAndNeverAnswers_FailsWithinTheTimeItStates()
    {
        await using var hole = new BlackHole();
        var convene = await StartConveneAsync();
        var started = convene.Clock.GetUtcNow();

        var adding = convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(hole.Address, "admin", "secret"), Ct);
        // Time moves only when Convene waits 15 s, as the stated timeout.
        await convene.Clock.RunUntilAsync(adding.WaitAsync(TimeSpan.FromSeconds(50), Ct), RequestTimeout);

        var problem = await ProblemAsync(await adding, (HttpStatusCode)422);
        Assert.EndsWith("/bridge-unreachable", problem.Type, StringComparison.Ordinal);
        Assert.Contains("within 15 s", problem.Title, StringComparison.Ordinal);
        // Retries are inside the stated time: the fake clock never passed it (it was 45 s with three attempts).
        Assert.True(convene.Clock.GetUtcNow() - started <= RequestTimeout, $"The add took {convene.Clock.GetUtcNow() - started} of Convene's time.");
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_AddressWithAPortThatNobodyAnswers_HintDoesNotRepeatThePort()
    {
        await using var hole = new BlackHole();
        var port = hole.Port;
        await hole.DisposeAsync();
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge($"http://127.0.0.1:{port}", "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.DoesNotContain($":{port}:445", problem.Title, StringComparison.Ordinal);
        Assert.Contains($"({port} was tried)", problem.Title, StringComparison.Ordinal);
        // Refused at once: the message does not claim a wait that never happened.
        Assert.StartsWith("Could not connect to", problem.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("within", problem.Title, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_NoSchemeToAPlainHttpServer_SaysItSpeaksPlainHttp()
    {
        await using var web = await HtmlServer.StartAsync();
        var hostPort = new Uri(web.Address).Authority;
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(hostPort, "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/plain-http", problem.Type, StringComparison.Ordinal);
        Assert.Contains($"this server speaks plain http: write http://{hostPort}", problem.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate", problem.Title, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not trusted", problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Add_ServerAnswering401_SaysAuthenticationFailed()
    {
        await using var cms = await CannedCms.StandaloneAsync(status: HttpStatusCode.Unauthorized);
        var convene = await StartConveneAsync();

        var response = await convene.Client().PostAsJsonAsync("/api/bridges", new AddBridge(cms.Address, "admin", "secret"), Ct);

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.EndsWith("/authentication-failed", problem.Type, StringComparison.Ordinal);
        Assert.StartsWith("Authentication failed", problem.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", problem.Title, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class BridgeOnboardingMessagesTests_Sqlite() : BridgeOnboardingMessagesTests(DatabaseKind.Sqlite, null);

public sealed class BridgeOnboardingMessagesTests_Postgres(PostgresServer postgres) : BridgeOnboardingMessagesTests(DatabaseKind.Postgres, postgres);
