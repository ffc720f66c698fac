using System.Security.Cryptography;
using System.Text;
using Convene.Bridges;
using Convene.Cms;
using Convene.Data;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Live;

/// <summary>
/// Keeps Convene's CDR receiver registered on every node of every active bridge (<c>system/cdrReceivers</c>; API
/// reference "CDR receivers", up to the list's <c>maximum</c>, 4 on current versions). Convene's entry is the one
/// whose URI has this bridge's receiver path; it is added when missing, moved when the configured address or the
/// token changed, and its duplicates removed. Another tool's receivers are never changed or removed: when every
/// slot is theirs a <see cref="TicketType.CdrReceiversFull"/> ticket is raised for the node and its meetings are
/// followed by polling. <see cref="CdrRegistrationJob"/> runs <see cref="RunDueAsync"/> once per cluster.
/// </summary>
public sealed class CdrRegistration(ConveneDb db, BridgeConnections connections, TicketBook tickets, IOptions<CdrOptions> options,
    TimeProvider time, ILogger<CdrRegistration> logger)
{
    private const int DefaultMaximum = 4;

    /// <summary>Checks every node of every active bridge, or only the nodes that changed since their last check
    /// (<paramref name="changedOnly"/>: a node that is new, or whose address, credentials or certificate changed).</summary>
    public Task RunAsync(bool changedOnly, CancellationToken cancellationToken) =>
        RunAsync(_ => !changedOnly, cancellationToken);

    /// <summary>Checks the nodes that changed since their last check and those last checked
    /// <see cref="CdrOptions.RegistrationInterval"/> ago or more. The time of each node's check is in the database, so
    /// whichever instance runs this, every node is checked once per interval in the whole cluster.</summary>
    public Task RunDueAsync(CancellationToken cancellationToken)
    {
        var stale = time.GetUtcNow() - options.Value.RegistrationInterval;
        return RunAsync(state => state.CheckedUtc is not { } checkedUtc || checkedUtc <= stale, cancellationToken);
    }

    /// <summary>Checks every new or changed node, and the unchanged ones <paramref name="recheck"/> names.</summary>
    private async Task RunAsync(Func<CdrNodeState, bool> recheck, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.ReceiverBaseUrl;
        var bridges = await db.Bridges.Include(b => b.Nodes).Where(b => b.State == BridgeState.Active).ToListAsync(cancellationToken);
        var states = await db.CdrNodeStates.ToDictionaryAsync(s => s.NodeId, cancellationToken);
        foreach (var bridge in bridges)
        {
            var token = await TokenAsync(bridge.Id, cancellationToken);
            foreach (var node in bridge.Nodes.Where(n => n.ApiAddress is not null))
            {
                var fingerprint = Fingerprint(node, baseUrl);
                if (!states.TryGetValue(node.Id, out var state))
                {
                    db.CdrNodeStates.Add(state = new CdrNodeState { NodeId = node.Id, BridgeId = bridge.Id });
                    states[node.Id] = state;
                }
                else if (state.Fingerprint == fingerprint && !recheck(state))
                {
                    continue;
                }
                state.Fingerprint = fingerprint;
                state.CheckedUtc = time.GetUtcNow();
                if (baseUrl is null)
                {
                    state.Problem = "Convene:Cdr:ReceiverBaseUrl is not set.";
                    continue;
                }
                try
                {
                    await RegisterAsync(bridge, node, state, CdrApi.ReceiverUri(baseUrl, bridge.Id, token), cancellationToken);
                }
                catch (CmsApiException e)
                {
                    state.Problem = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                    state.Fingerprint = null; // try again at the next scan
                    Log.RegistrationFailed(logger, e, node.Name, bridge.DisplayName);
                }
                catch (ProblemException e)
                {
                    state.Problem = e.Title;
                    Log.RegistrationFailed(logger, e, node.Name, bridge.DisplayName);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The bridge's receiver token, made (32 random bytes, base64url) the first time.</summary>
    public async Task<string> TokenAsync(Guid bridgeId, CancellationToken cancellationToken)
    {
        var row = await db.CdrReceiverTokens.FindAsync([bridgeId], cancellationToken);
        if (row is null)
        {
            row = new CdrReceiverToken { BridgeId = bridgeId, Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') };
            db.CdrReceiverTokens.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (ProblemMapping.IsUniqueViolation(e))
            {
                // Another instance made the bridge's token at the same moment: use that one.
                db.Entry(row).State = EntityState.Detached;
                row = await db.CdrReceiverTokens.AsNoTracking().SingleAsync(t => t.BridgeId == bridgeId, cancellationToken);
            }
        }
        return row.Token;
    }

    private async Task RegisterAsync(Bridge bridge, BridgeNode node, CdrNodeState state, Uri uri, CancellationToken cancellationToken)
    {
        var client = connections.Client(bridge, node);
        var list = await client.GetCdrReceiversAsync(cancellationToken);
        var ours = list.Receivers.Where(r => IsOurs(r.Uri, bridge.Id)).ToList();
        var keep = ours.FirstOrDefault(r => string.Equals(r.Uri, uri.ToString(), StringComparison.Ordinal)) ?? ours.FirstOrDefault();
        foreach (var duplicate in ours.Where(r => r != keep))
        {
            await client.DeleteCdrReceiverAsync(duplicate.Id, cancellationToken);
        }
        string? id = keep?.Id;
        if (keep is not null && !string.Equals(keep.Uri, uri.ToString(), StringComparison.Ordinal))
        {
            await client.UpdateCdrReceiverAsync(keep.Id, uri, cancellationToken);
        }
        else if (keep is null && list.Receivers.Count - ours.Count < (list.Maximum ?? DefaultMaximum))
        {
            try
            {
                id = await client.CreateCdrReceiverAsync(uri, cancellationToken);
                Log.ReceiverRegistered(logger, node.Name, bridge.DisplayName);
            }
            catch (CmsApiException e) when (e.Kind == CmsErrorKind.Refused && e.Reasons.Any(r => r.Name == "tooManyCdrReceivers"))
            {
                id = null;
            }
        }
        state.ReceiverId = id;
        state.ReceiverUri = id is null ? null : uri.ToString();
        var full = id is null;
        state.Problem = full ? $"All {list.Maximum ?? DefaultMaximum} CDR receiver slots of {node.Name} are taken by other tools." : null;
        if (full)
        {
            Log.ReceiverNotRegistered(logger, node.Name, bridge.DisplayName, state.Problem!);
        }
        await tickets.SetAsync(full, bridge.Id, TicketType.CdrReceiversFull, "CDR Receivers Full",
            $"Every CDR receiver slot ({list.Maximum ?? DefaultMaximum}) of {node.Name} is used by other tools, so Convene cannot register its receiver there and follows the meetings on that node by polling. Free a slot in system/cdrReceivers.",
            node.Id, cancellationToken);
    }

    /// <summary>Convene's receiver for this bridge, under any base address or token.</summary>
    private static bool IsOurs(string? uri, Guid bridgeId) =>
        uri is not null && uri.Contains($"{CdrApi.Path}/{bridgeId:D}/", StringComparison.OrdinalIgnoreCase);

    private static string Fingerprint(BridgeNode node, Uri? baseUrl)
    {
        var text = $"{node.ApiAddress}|{node.Username}|{node.ProtectedPassword}|{node.CertificateSha256}|{node.CallBridgeId}|{baseUrl}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
