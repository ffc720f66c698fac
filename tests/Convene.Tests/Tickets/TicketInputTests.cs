using System.Net;
using System.Net.Http.Json;
using System.Text;
using Convene.Tests.Bridges;
using Convene.Tickets;

namespace Convene.Tests.Tickets;

/// <summary>Ticket filters and queries refuse values that are not ticket types or states, and filters
/// saved at once end in 200s and 409s, never a 500.</summary>
public abstract class TicketInputTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task SetFilters_UndefinedTypeNumbers_Returns400AndKeepsNothing()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        using var response = await client.PutAsync($"/api/bridges/{bridge.Id}/ticket-filters", new StringContent("[99,-1]", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["[0]", "[1]"], problem.Errors().Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await client.GetFromJsonAsync<List<TicketType>>($"/api/bridges/{bridge.Id}/ticket-filters", Ct))!);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/api/tickets?state=99")]
    [InlineData("/api/tickets?state=-1")]
    [InlineData("/api/bridges/{id}/tickets?state=99")]
    public async Task List_UndefinedState_Returns400NamingState(string path)
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        using var response = await client.GetAsync(path.Replace("{id}", bridge.Id.ToString(), StringComparison.Ordinal), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["state"], problem.Errors().Keys);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/api/bridges/{id}/tickets?includeFiltered=perhaps", "includeFiltered")]
    [InlineData("/api/bridges/{id}/status?from=yesterday", "from")]
    public async Task Query_ValueOfTheWrongType_Returns400NamingItWithoutFrameworkText(string path, string field)
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);

        using var response = await client.GetAsync(path.Replace("{id}", bridge.Id.ToString(), StringComparison.Ordinal), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.Errors().Keys);
        Assert.DoesNotContain("Failed to bind", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetFilters_ManyAtOnce_EachIs200Or409NeverA500()
    {
        var cluster = await StartClusterAsync(1);
        var convene = await StartConveneAsync();
        var client = convene.Client();
        var bridge = await AddBridgeAsync(client, cluster);
        TicketType[] types = [TicketType.BlankSystemName, TicketType.DialNumberConfigurationError];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PutAsJsonAsync($"/api/bridges/{bridge.Id}/ticket-filters", types, Ct)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        Assert.Equal(types, (await client.GetFromJsonAsync<List<TicketType>>($"/api/bridges/{bridge.Id}/ticket-filters", Ct))!.Order());
    }
}

public sealed class TicketInputTests_Sqlite() : TicketInputTests(DatabaseKind.Sqlite, null);

public sealed class TicketInputTests_Postgres(PostgresServer postgres) : TicketInputTests(DatabaseKind.Postgres, postgres);
