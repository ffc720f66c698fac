using System.Net;
using System.Text;

namespace Convene.Tests.Bridges;

/// <summary>A PUT of settings that lacks several fields names them once, instead of one sentence per field.</summary>
public abstract class BridgeSettingsMessagesTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task PutSettings_EmptyObject_NamesTheMissingFieldsOnce()
    {
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, await StartClusterAsync(1));

        using var response = await client.PutAsync($"/api/bridges/{bridge.Id}/settings", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The settings lack name, domain, numericIdBase and numericIdQuantity: a PUT replaces every setting.", problem.Title);
        Assert.Equal(["domain", "name", "numericIdBase", "numericIdQuantity"], problem.Errors().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, CountOf(problem.Detail!, "a PUT names every one of name, domain, numericIdBase and numericIdQuantity"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

public sealed class BridgeSettingsMessagesTests_Sqlite() : BridgeSettingsMessagesTests(DatabaseKind.Sqlite, null);

public sealed class BridgeSettingsMessagesTests_Postgres(PostgresServer postgres) : BridgeSettingsMessagesTests(DatabaseKind.Postgres, postgres);
