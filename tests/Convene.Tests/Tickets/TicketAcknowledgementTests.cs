using System.Net;
using System.Net.Http.Json;
using Convene.Accounts;
using Convene.Tickets;

namespace Convene.Tests.Tickets;

/// <summary>Acknowledging a ticket again keeps who acknowledged it first, and when.</summary>
public abstract class TicketAcknowledgementTests(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    /// <summary>Not about scheduling: no periodic job runs while these tests move the clock.</summary>
    protected override bool Scheduled => false;

    [Fact(Timeout = 60_000)]
    public async Task Acknowledge_AnAcknowledgedTicket_KeepsTheFirstAcknowledger()
    {
        var cluster = await StartClusterAsync(2);
        var convene = await StartConveneAsync();
        var admin = convene.Client();
        var bridge = await AddBridgeAsync(admin, cluster);
        using (var created = await admin.PostAsJsonAsync("/api/users", new NewUser("operator", "operator-password", Role.Operator), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var ticket = (await admin.GetFromJsonAsync<List<TicketDto>>($"/api/bridges/{bridge.Id}/tickets", Ct))!.First();
        using (var first = await admin.PostAsync($"/api/tickets/{ticket.Id}/acknowledge", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var firstTime = convene.Clock.GetUtcNow();
        convene.Clock.Advance(TimeSpan.FromHours(1));

        using var again = await convene.Client("operator", "operator-password").PostAsync($"/api/tickets/{ticket.Id}/acknowledge", null, Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var acknowledged = (await again.Content.ReadFromJsonAsync<TicketDto>(Ct))!;
        Assert.Equal((TicketState.Acknowledged, ConveneFactory.AdminUser, firstTime), (acknowledged.State, acknowledged.AcknowledgedBy, acknowledged.AcknowledgedUtc));
    }
}

public sealed class TicketAcknowledgementTests_Sqlite() : TicketAcknowledgementTests(DatabaseKind.Sqlite, null);

public sealed class TicketAcknowledgementTests_Postgres(PostgresServer postgres) : TicketAcknowledgementTests(DatabaseKind.Postgres, postgres);
