using Convene.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Convene.Tests.Live;

/// <summary>Convene's receiver in each node's <c>system/cdrReceivers</c>: within the maximum, other tools' kept.</summary>
public abstract class CdrRegistrationTests(DatabaseKind kind, PostgresServer? postgres) : LiveTest(kind, postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task RunDue_UnchangedNode_IsCheckedOncePerRegistrationInterval()
    {
        await StartAsync();
        var registration = () => LiveAsync(async s =>
        {
            await s.GetRequiredService<Convene.Live.CdrRegistration>().RunDueAsync(Ct);
            return true;
        });
        var before = await ListingsAsync();

        await registration(); // a node never checked
        await registration(); // checked a moment ago, by this instance or any other: not again
        Advance(TimeSpan.FromMinutes(9));
        await registration();
        Assert.Equal(before + 1, await ListingsAsync());
        Advance(TimeSpan.FromMinutes(1));
        await registration();

        Assert.Equal(before + 2, await ListingsAsync());
        using var cms = Cluster.Client();
        Assert.Single((await cms.GetCdrReceiversAsync(Ct)).Receivers);
    }

    [Fact(Timeout = 60_000)]
    public async Task Register_BesideOtherTools_AddsOursOnEveryNodeOnceAndKeepsTheirs()
    {
        await StartAsync(nodes: 2);
        var others = new[] { new Uri("http://recorder.example.com/cdr"), new Uri("http://billing.example.com/in") };
        using (var cms = Cluster.Client())
        {
            foreach (var other in others)
            {
                await cms.CreateCdrReceiverAsync(other, Ct);
            }
        }

        await RegisterAsync();
        await RegisterAsync();

        var token = await Convene.DbAsync(db => db.CdrReceiverTokens.Where(t => t.BridgeId == Bridge.Id).Select(t => t.Token).SingleAsync(Ct));
        var ours = $"{Convene.Address.GetLeftPart(UriPartial.Authority)}/api/cdr/{Bridge.Id}/{token}";
        for (var node = 0; node < 2; node++)
        {
            using var cms = Cluster.Client(node);
            var receivers = (await cms.GetCdrReceiversAsync(Ct)).Receivers.Select(r => r.Uri).ToList();
            Assert.Equal(node == 0 ? [.. others.Select(o => o.ToString()), ours] : [ours], receivers);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Register_EverySlotTaken_RaisesATicketAndRegistersOnceOneIsFree()
    {
        await StartAsync(cluster: o => o.MaxCdrReceivers = 2);
        using var cms = Cluster.Client();
        await cms.CreateCdrReceiverAsync(new Uri("http://recorder.example.com/cdr"), Ct);
        var billing = await cms.CreateCdrReceiverAsync(new Uri("http://billing.example.com/in"), Ct);

        await RegisterAsync();

        Assert.Equal(["http://recorder.example.com/cdr", "http://billing.example.com/in"], (await cms.GetCdrReceiversAsync(Ct)).Receivers.Select(r => r.Uri));
        var ticket = await Convene.DbAsync(db => db.Tickets.SingleAsync(t => t.Type == TicketType.CdrReceiversFull, Ct));
        Assert.Equal((TicketState.Open, Bridge.Id), (ticket.State, ticket.BridgeId));
        Assert.NotNull(ticket.NodeId);

        await cms.DeleteCdrReceiverAsync(billing, Ct);
        await RegisterAsync();

        Assert.Equal(2, (await cms.GetCdrReceiversAsync(Ct)).Receivers.Count);
        Assert.Equal(TicketState.Resolved, (await Convene.DbAsync(db => db.Tickets.SingleAsync(t => t.Type == TicketType.CdrReceiversFull, Ct))).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Register_NoReceiverAddressConfigured_RegistersNothing()
    {
        await StartAsync(receiver: false);

        await RegisterAsync();

        using var cms = Cluster.Client();
        Assert.Empty((await cms.GetCdrReceiversAsync(Ct)).Receivers);
    }

    /// <summary>How many times the cluster's receiver list was read.</summary>
    private async Task<int> ListingsAsync() => (await RequestsAsync(Cluster)).Count(r => r.Line.StartsWith("GET /api/v1/system/cdrReceivers", StringComparison.Ordinal));
}

public sealed class CdrRegistrationTests_Sqlite() : CdrRegistrationTests(DatabaseKind.Sqlite, null);

public sealed class CdrRegistrationTests_Postgres(PostgresServer postgres) : CdrRegistrationTests(DatabaseKind.Postgres, postgres);
