using Convene.Cms;
using Convene.Data;
using Convene.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Bridges;

public sealed record AddBridge(string Address, string Username, string Password, string? CertificateSha256 = null, string? TimeZone = null);

/// <summary>
/// Adds a CMS as the seed's "Adicionar dispositivo" does: reads <c>system/status</c> (is it a CMS?
/// which version? clustered?), the cluster's <c>callBridges</c> and each one's address, refuses a node of
/// a cluster already managed, and makes Convene's call profile and call leg profile. The bridge is saved
/// before the CMS is touched; if making a profile fails, what was made is removed again.
/// </summary>
public sealed class BridgeOnboarding(ConveneDb db, BridgeSecrets secrets, TicketBook tickets, TimeProvider time,
    IOptions<CmsConnectionOptions> options, ILoggerFactory loggers, ILogger<BridgeOnboarding> logger)
{
    public async Task<Bridge> AddAsync(AddBridge request, CancellationToken cancellationToken)
    {
        var endpoint = Validate(request);
        // The same client settings as BridgeConnections, RetryDelay included: without it a retry waited the
        // library default whatever Convene:Cms said.
        using var cms = new CmsClient(endpoint, new CmsClientOptions
        {
            RequestTimeout = options.Value.RequestTimeout,
            MaxRetries = options.Value.MaxRetries,
            RetryDelay = options.Value.RetryDelay,
        }, loggers.CreateLogger<CmsClient>(), time);
        var (status, uniqueName, peers) = await DetectAsync(cms, request.Address, cancellationToken);
        await RefuseManagedClusterAsync(request.Address, peers, endpoint, cancellationToken);

        var bridge = new Bridge
        {
            Id = Guid.NewGuid(),
            Address = request.Address.Trim(),
            State = BridgeState.Adding,
            SoftwareVersion = status.SoftwareVersion,
            ClusterEnabled = status.ClusterEnabled ?? false,
            ClusterId = status.ClusterId,
            TimeZone = request.TimeZone ?? "UTC",
            AddedUtc = time.GetUtcNow(),
        };
        bridge.Nodes = peers.Count == 0
            ? [new BridgeNode { Id = Guid.NewGuid(), BridgeId = bridge.Id, Name = uniqueName ?? bridge.Address, IsSeed = true }]
            : peers.Select(p => new BridgeNode
            {
                Id = Guid.NewGuid(),
                BridgeId = bridge.Id,
                CallBridgeId = p.Id,
                Name = p.Name ?? p.Id,
                ApiAddress = p.Address,
                IsSeed = string.Equals(p.Name, uniqueName, StringComparison.OrdinalIgnoreCase),
            }).ToList();
        // The node added through is the entry whose name is its cluster uniqueName, or else the entry
        // whose address is the one given; a table that lists neither does not describe this node.
        var seed = bridge.Nodes.FirstOrDefault(n => n.IsSeed)
            ?? bridge.Nodes.FirstOrDefault(n => SameAuthority(n.ApiAddress, endpoint.BaseAddress))
            ?? throw new ProblemException(422, $"The callBridges table of {request.Address} lists {bridge.Nodes.Count} nodes, none of them this one " +
                $"(its cluster uniqueName is '{uniqueName}'): fix the cluster configuration on the CMS, then add it again.", type: "cluster-misconfigured");
        seed.IsSeed = true;
        seed.ApiAddress = endpoint.BaseAddress.ToString().TrimEnd('/');
        seed.Username = request.Username;
        seed.ProtectedPassword = secrets.Protect(request.Password);
        seed.CertificateSha256 = endpoint.CertificateSha256;
        seed.Reachable = true;
        seed.LastCheckedUtc = time.GetUtcNow();
        db.Bridges.Add(bridge);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            await CreateProfilesAsync(cms, bridge, status, cancellationToken);
        }
        catch (Exception e) when (e is CmsApiException or OperationCanceledException)
        {
            await UndoAsync(cms, bridge);
            throw e is CmsApiException cmsError
                ? new ProblemException(502, $"{request.Address} was detected, but Convene could not make its call profiles there; nothing was kept.", cmsError.Message, "profile-creation-failed")
                : e;
        }
        bridge.State = BridgeState.Active;
        await tickets.CheckSettingsAsync(bridge, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return bridge;
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

    private static CmsEndpoint Validate(AddBridge request)
    {
        if (string.IsNullOrWhiteSpace(request.Address) || string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            throw new ProblemException(400, "An address, an API user and a password are required.", type: "invalid-request");
        }
        if (request.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
        {
            throw new ProblemException(400, $"'{request.TimeZone}' is not an IANA time zone such as Europe/Lisbon.", type: "invalid-time-zone");
        }
        Uri address;
        try
        {
            address = CmsEndpoint.ParseAddress(request.Address);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ProblemException(400, $"'{request.Address}' cannot be used as a bridge address.", e.Message, "invalid-address");
        }
        // A malformed pin was reported as a bad address; say what is wrong with which field.
        try
        {
            return new CmsEndpoint(address, request.Username.Trim(), request.Password, request.CertificateSha256, request.Address.Trim());
        }
        catch (ArgumentException e) when (e.ParamName is "certificateSha256" or "text")
        {
            throw new ProblemException(400, "The certificate fingerprint is not a SHA-256 fingerprint (64 hex digits, colons allowed).", e.Message, "invalid-certificate-pin");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ProblemException(400, $"'{request.Address}' cannot be used as a bridge address.", e.Message, "invalid-address");
        }
    }

    private static async Task<(CmsSystemStatus Status, string? UniqueName, List<CmsCallBridge> Peers)> DetectAsync(CmsClient cms, string address, CancellationToken ct)
    {
        try
        {
            var status = await cms.GetSystemStatusAsync(ct);
            if (status.SoftwareVersion is null)
            {
                throw new ProblemException(422, $"{address} answered, but its system/status has no software version: it does not look like a Cisco Meeting Server.", type: "not-a-cms");
            }
            string? uniqueName = null;
            try
            {
                uniqueName = (await cms.GetClusterConfigurationAsync(ct)).UniqueName;
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                // Very old versions have no cluster configuration; the seed node is then matched by address.
            }
            var peers = new List<CmsCallBridge>();
            await foreach (var entry in cms.ListCallBridgesAsync(ct))
            {
                peers.Add(await cms.GetCallBridgeAsync(entry.Id, ct));
            }
            return (status, uniqueName, peers);
        }
        catch (CmsApiException e)
        {
            throw e.Kind switch
            {
                CmsErrorKind.Connection or CmsErrorKind.Timeout => new ProblemException(422, $"No Cisco Meeting Server answered at {address}: check the address and the Web Admin port (such as {address}:445).", e.Message, "bridge-unreachable"),
                CmsErrorKind.Authentication => new ProblemException(422, $"The CMS at {address} refused the API user.", e.Message, "authentication-failed"),
                CmsErrorKind.Certificate => new ProblemException(422, $"The certificate of {address} is not trusted; for a self-signed certificate give its SHA-256 fingerprint.", e.Message, "certificate-not-trusted"),
                _ => new ProblemException(422, $"{address} did not answer as a Cisco Meeting Server API does.", e.Message, "not-a-cms"),
            };
        }
    }

    /// <summary>The seed: "The 14.80.82.31 is part of a clustered call bridge and has already been added
    /// in TMS through 14.80.82.30. Retry after entering a new IP."</summary>
    private async Task RefuseManagedClusterAsync(string address, List<CmsCallBridge> peers, CmsEndpoint endpoint, CancellationToken ct)
    {
        var ids = peers.Select(p => p.Id).ToList();
        var existing = await db.BridgeNodes.Where(n => n.CallBridgeId != null && ids.Contains(n.CallBridgeId))
            .Join(db.Bridges, n => n.BridgeId, b => b.Id, (n, b) => b.Address).FirstOrDefaultAsync(ct);
        if (existing is null && peers.Count == 0)
        {
            var seedAddress = endpoint.BaseAddress.ToString().TrimEnd('/');
            existing = await db.BridgeNodes.Where(n => n.ApiAddress == seedAddress).Join(db.Bridges, n => n.BridgeId, b => b.Id, (n, b) => b.Address).FirstOrDefaultAsync(ct);
        }
        if (existing is not null)
        {
            throw new ProblemException(409,
                $"The {address.Trim()} is part of a clustered call bridge and has already been added in Convene through {existing}. Retry after entering a new IP.",
                type: "cluster-already-added");
        }
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
    }
}
