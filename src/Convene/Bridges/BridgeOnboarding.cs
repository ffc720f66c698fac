using Convene.Cms;
using Convene.Data;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Bridges;

public sealed record AddBridge(string Address, string Username, string Password, string? CertificateSha256 = null, string? TimeZone = null);

/// <summary>
/// Adds a CMS as the seed's "Adicionar dispositivo" does: reads <c>system/status</c> (is it a CMS?
/// which version? clustered?), the cluster's <c>callBridges</c> and each one's address, refuses a CMS
/// already managed (known by its <see cref="BridgeIdentity"/>), and makes Convene's call profile and call
/// leg profile. The bridge and its identity are saved before the CMS is touched, so of concurrent adds of
/// one CMS only one makes anything there; if making a profile fails, what was made is removed again.
/// </summary>
public sealed class BridgeOnboarding(ConveneDb db, BridgeSecrets secrets, TicketBook tickets, TimeProvider time,
    IOptions<CmsConnectionOptions> options, ILoggerFactory loggers, ILogger<BridgeOnboarding> logger, BridgeRequestLog requests)
{
    public async Task<Bridge> AddAsync(AddBridge request, CancellationToken cancellationToken)
    {
        var endpoint = AddBridgeValidation.Validate(request);
        var address = endpoint.Name;
        // The same client settings as BridgeConnections, RetryDelay included: without it a retry waited the
        // library default whatever Convene:Cms said.
        var sent = new HeldRequests(requests);
        using var cms = new CmsClient(endpoint, new CmsClientOptions
        {
            RequestTimeout = options.Value.RequestTimeout,
            MaxRetries = options.Value.MaxRetries,
            RetryDelay = options.Value.RetryDelay,
            Observer = sent.Add,
        }, loggers.CreateLogger<CmsClient>(), time);
        var (status, uniqueName, peers) = await new BridgeDetection(options.Value.RequestTimeout, time).DetectAsync(cms, request.Address, cancellationToken);
        var keys = await BridgeIdentity.KeysAsync(status, peers.Select(p => p.Id), endpoint.BaseAddress, cancellationToken);
        await RefuseManagedAsync(address, status, keys, cancellationToken);

        var bridge = new Bridge
        {
            Id = Guid.NewGuid(),
            Address = address,
            State = BridgeState.Adding,
            SoftwareVersion = status.SoftwareVersion,
            ClusterEnabled = status.ClusterEnabled ?? false,
            ClusterId = string.IsNullOrWhiteSpace(status.ClusterId) ? null : status.ClusterId.Trim(),
            TimeZone = request.TimeZone ?? "UTC",
            AddedUtc = time.GetUtcNow(),
        };
        // A node without a unique name (an empty <uniqueName/> or <name/>) is named by its address.
        bridge.Nodes = peers.Count == 0
            ? [new BridgeNode { Id = Guid.NewGuid(), BridgeId = bridge.Id, Name = uniqueName ?? bridge.Address, IsSeed = true }]
            : peers.Select(p => new BridgeNode
            {
                Id = Guid.NewGuid(),
                BridgeId = bridge.Id,
                CallBridgeId = p.Id,
                Name = NameOf(p),
                ApiAddress = string.IsNullOrWhiteSpace(p.Address) ? null : p.Address.Trim(),
                IsSeed = uniqueName is not null && string.Equals(p.Name?.Trim(), uniqueName, StringComparison.OrdinalIgnoreCase),
            }).ToList();
        // The node added through is the entry whose name is its cluster uniqueName, or else the entry
        // whose address is the one given; a table that lists neither does not describe this node.
        var seed = bridge.Nodes.FirstOrDefault(n => n.IsSeed)
            ?? bridge.Nodes.FirstOrDefault(n => SameAuthority(n.ApiAddress, endpoint.BaseAddress))
            ?? throw new ProblemException(422, $"The callBridges table of {address} lists {bridge.Nodes.Count} nodes, none of them this one " +
                (uniqueName is null ? "(it has no cluster uniqueName)" : $"(its cluster uniqueName is '{uniqueName}')") +
                ": fix the cluster configuration on the CMS, then add it again.", type: "cluster-misconfigured");
        seed.IsSeed = true;
        seed.ApiAddress = endpoint.BaseAddress.ToString().TrimEnd('/');
        seed.Username = endpoint.Username;
        seed.ProtectedPassword = secrets.Protect(request.Password);
        seed.CertificateSha256 = endpoint.CertificateSha256;
        seed.Reachable = true;
        seed.LastCheckedUtc = time.GetUtcNow();
        await ClaimAsync(bridge, status, keys, cancellationToken);
        sent.FileUnder(bridge.Id, seed.Name);

        try
        {
            await CreateProfilesAsync(cms, bridge, status, cancellationToken);
        }
        catch (Exception e) when (e is CmsApiException or OperationCanceledException)
        {
            await UndoAsync(cms, bridge);
            throw e is CmsApiException cmsError
                ? new ProblemException(502, $"{address} was detected, but Convene could not make its call profiles there; nothing was kept.", cmsError.Message, "profile-creation-failed")
                : e;
        }
        bridge.State = BridgeState.Active;
        await tickets.CheckSettingsAsync(bridge, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return bridge;
    }

    private static string NameOf(CmsCallBridge peer) =>
        !string.IsNullOrWhiteSpace(peer.Name) ? peer.Name.Trim()
        : !string.IsNullOrWhiteSpace(peer.Address) ? peer.Address.Trim()
        : peer.Id;

    /// <summary>Saves the bridge with its identity before the CMS is touched: of concurrent adds of one
    /// CMS the database keeps one, and the others are refused here without making anything on the CMS.</summary>
    private async Task ClaimAsync(Bridge bridge, CmsSystemStatus status, List<string> keys, CancellationToken ct)
    {
        db.Bridges.Add(bridge);
        db.BridgeIdentities.AddRange(keys.Select(k => new BridgeIdentity { Key = k, BridgeId = bridge.Id }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProblemMapping.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            await RefuseManagedAsync(bridge.Address, status, keys, ct);
            throw new ProblemException(409, $"{bridge.Address} is being added by another request at this moment.", type: "already-managed");
        }
    }

    private static bool SameAuthority(string? address, Uri seed)
    {
        try
        {
            return address is not null && string.Equals(CmsEndpoint.ParseAddress(address).Authority, seed.Authority, StringComparison.OrdinalIgnoreCase);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Refuses a CMS that a bridge already manages, naming that bridge (the seed: "… has already
    /// been added in TMS through 14.80.82.30"); "clustered" only when the CMS says it is.</summary>
    private async Task RefuseManagedAsync(string address, CmsSystemStatus status, List<string> keys, CancellationToken ct)
    {
        var owner = await db.BridgeIdentities.Where(i => keys.Contains(i.Key))
            .Join(db.Bridges, i => i.BridgeId, b => b.Id, (i, b) => new { b.Name, b.Address }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return;
        }
        var name = owner.Name ?? $"No Name ({owner.Address})";
        throw new ProblemException(409, status.ClusterEnabled == true
                ? $"{address} is part of a clustered call bridge already managed as {name} (added through {owner.Address})."
                : $"{address} is already managed as {name}.",
            type: "already-managed");
    }

    /// <summary>Makes whichever of the two profiles the bridge does not have yet, saving each id as soon as
    /// it exists, so a crash in between is resumed without making a profile twice.</summary>
    private async Task CreateProfilesAsync(CmsClient cms, Bridge bridge, CmsSystemStatus status, CancellationToken ct)
    {
        if (bridge.CallProfileId is null)
        {
            // messageBoardEnabled went away in CMS 3.0; TMS sent it to 2.x.
            var callProfile = new CallProfileChanges { ParticipantLimit = 1000 };
            if (status.Version is { Major: < 3 })
            {
                callProfile = callProfile with { MessageBoardEnabled = false };
            }
            bridge.CallProfileId = await cms.CreateCallProfileAsync(callProfile, ct);
            await db.SaveChangesAsync(ct);
        }
        if (bridge.CallLegProfileId is null)
        {
            bridge.CallLegProfileId = await cms.CreateCallLegProfileAsync(new CallLegProfileChanges
            {
                DefaultLayout = Layout.Telepresence,
                ChangeLayoutAllowed = true,
                PresentationContributionAllowed = true,
                PresentationViewingAllowed = true,
                MuteSelfAllowed = true,
                VideoMuteSelfAllowed = true,
            }, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Finishes adding a bridge that a crash left half-added: makes the profiles it lacks and
    /// activates it.</summary>
    public async Task ResumeAsync(Bridge bridge, BridgeConnections connections, CancellationToken ct)
    {
        await connections.RunAsync(bridge, async (cms, _) =>
        {
            await CreateProfilesAsync(cms, bridge, await cms.GetSystemStatusAsync(ct), ct);
            return true;
        });
        bridge.State = BridgeState.Active;
        await tickets.CheckSettingsAsync(bridge, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task UndoAsync(CmsClient cms, Bridge bridge)
    {
        try
        {
            if (bridge.CallProfileId is { } callProfile)
            {
                await cms.DeleteCallProfileAsync(callProfile, CancellationToken.None);
            }
            if (bridge.CallLegProfileId is { } legProfile)
            {
                await cms.DeleteCallLegProfileAsync(legProfile, CancellationToken.None);
            }
        }
        catch (CmsApiException e)
        {
            Log.UndoFailed(logger, e, bridge.Address);
        }
        db.Bridges.Remove(bridge);
        await db.SaveChangesAsync(CancellationToken.None);
        requests.Forget(bridge.Id);
    }

    /// <summary>
    /// The add's requests for the bridge's Logs tab: the detection's GETs are sent before the bridge exists, so they
    /// are held until it is saved and then filed under its id, as is every later request of the add, each named by
    /// the node added through (the client knew it only by its address). The requests of an add that is refused are
    /// dropped with it: there is no bridge to show them on.
    /// </summary>
    private sealed class HeldRequests(BridgeRequestLog log)
    {
        private readonly Lock _gate = new();
        private readonly List<CmsRequestRecord> _held = [];
        private Guid? _bridgeId;
        private string _node = "";

        public void Add(CmsRequestRecord record)
        {
            lock (_gate)
            {
                if (_bridgeId is { } id)
                {
                    log.Add(id, record with { Node = _node });
                }
                else
                {
                    _held.Add(record);
                }
            }
        }

        public void FileUnder(Guid bridgeId, string node)
        {
            lock (_gate)
            {
                _bridgeId = bridgeId;
                _node = node;
                foreach (var record in _held)
                {
                    log.Add(bridgeId, record with { Node = node });
                }
                _held.Clear();
            }
        }
    }
}
