using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

internal sealed partial class MediaEngine
{
    /// <summary>Dials out from a call: the leg starts <c>initial</c>, rings, then connects or fails as
    /// the simulator's directory says of the address.</summary>
    public SimLeg DialOut(SimCall call, string remoteParty, IReadOnlyDictionary<string, string?> configuration, int? bandwidth)
    {
        var route = OutboundRouting.Route(cluster, call, remoteParty);
        var leg = AddLeg(call, route.Address, "outgoing", configuration, bandwidth, originalRemoteParty: remoteParty);
        var options = cluster.Options;
        var outcome = route.FailedBecause is null ? Lookup(route.Address) : DialOutcome.Unreachable;
        call.Node.Trace.Event(cluster.Time.GetUtcNow(), route.FailedBecause is null
            ? $"call {call.Id}: outgoing SIP call to \"{route.Address}\" from space \"{call.Name}\"{(route.Rule?["sipProxy"] is { } proxy ? $" via {proxy}" : "")}"
            : $"call {call.Id}: no outbound dial plan rule for \"{route.Address}\"");
        leg.Timer = cluster.Schedule(options.RingAfter, () =>
        {
            if (!call.Node.Legs.ContainsKey(leg.Id))
            {
                return;
            }
            switch (outcome)
            {
                case DialOutcome.Unreachable:
                    EndLeg(leg, "unknownDestination", remoteTeardown: false);
                    return;
                case DialOutcome.Busy:
                    EndLeg(leg, "remoteBusy", remoteTeardown: true);
                    return;
            }
            leg.State = LegState.Ringing;
            RecordLegUpdate(leg, cluster.Time.GetUtcNow());
            call.Node.Trace.Event(cluster.Time.GetUtcNow(), $"call {call.Id}: SIP call ringing");
            var wait = outcome == DialOutcome.NoAnswer ? options.RingTimeout : options.AnswerAfter;
            leg.Timer = cluster.Schedule(wait, () =>
            {
                if (!call.Node.Legs.ContainsKey(leg.Id))
                {
                    return;
                }
                switch (outcome)
                {
                    case DialOutcome.Reject:
                        EndLeg(leg, "callDeclined", remoteTeardown: true);
                        break;
                    case DialOutcome.NoAnswer:
                        EndLeg(leg, "ringingTimeout", remoteTeardown: false);
                        break;
                    default:
                        Connect(leg);
                        break;
                }
            });
        });
        return leg;
    }

    /// <summary>Someone dials a space by URI (user part, or user@domain) or call ID with a passcode.
    /// Refused when nothing answers to that address, when the space is closed to non-members, or when
    /// the passcode is wrong.</summary>
    public DialInResult DialIn(SimNode node, string? uri, string? callId, string? passcode, string caller)
    {
        var db = cluster.Database;
        var space = uri is not null ? db.SpaceByUri(uri.Split('@')[0]) : callId is not null ? db.SpaceByCallId(callId) : null;
        if (space is null)
        {
            return DialInResult.Refused("unknownDestination");
        }
        var entries = space.AccessMethods.Prepend((CmsObject)space)
            .Where(e => uri is not null
                ? string.Equals(e["uri"], uri.Split('@')[0], StringComparison.OrdinalIgnoreCase) || string.Equals(e["secondaryUri"], uri.Split('@')[0], StringComparison.OrdinalIgnoreCase)
                : e["callId"] == callId)
            .ToList();
        if (!space.NonMemberAccess)
        {
            return DialInResult.Refused("nonMemberAccessDenied");
        }
        // Each entry (the space, or one of its access methods: a host PIN and a guest PIN) has its own
        // passcode; the one the caller's passcode opens decides the call leg profile.
        var entry = entries.FirstOrDefault(e => (e["passcode"] ?? "") == (passcode ?? ""));
        if (entry is null)
        {
            return DialInResult.Refused("passcodeIncorrect");
        }
        var existing = CallOfSpace(node, space.Id);
        var correlator = existing?.Correlator ?? cluster.Nodes.SelectMany(n => n.Calls.Values).FirstOrDefault(c => c.SpaceId == space.Id)?.Correlator;
        if (node.ClusterConfiguration["participantLimit"] is { } nodeLimit
            && node.Legs.Values.Count(l => !l.IsLink) >= int.Parse(nodeLimit, System.Globalization.CultureInfo.InvariantCulture))
        {
            return DialInResult.Refused("participantLimitReached");
        }
        if (LimitReached(space, correlator) is { } limit)
        {
            return DialInResult.Refused(limit);
        }
        var call = existing ?? CreateCall(node, space, null, byApi: false);
        var leg = AddLeg(call, caller, "incoming", new Dictionary<string, string?>(), null,
            accessMethodId: entry == space ? null : entry.Id);
        Connect(leg);
        return new DialInResult(null, call, leg);
    }

    /// <summary>Why one more participant may not join the meeting of <paramref name="space"/>, or null.
    /// The call profile's limit (the space's, else its tenant's, else the global one) counts every node's instance of the
    /// meeting; the tenant's own limit counts every call of the tenant in the cluster.</summary>
    public string? LimitReached(Space? space, string? correlator)
    {
        var db = cluster.Database;
        var tenant = space?["tenant"] is { } tenantId && db.Tenants.TryGetValue(tenantId, out var t) ? t : null;
        var profileId = space?["callProfile"] ?? tenant?["callProfile"] ?? db.SystemProfiles["callProfile"];
        var profile = profileId is not null && db.CallProfiles.TryGetValue(profileId, out var p) ? p : null;
        var calls = cluster.Nodes.SelectMany(n => n.Calls.Values).ToList();
        if (Limit(profile) is { } max && calls.Where(c => correlator is not null && c.Correlator == correlator).Sum(c => c.ParticipantLegs.Count()) >= max)
        {
            return "participantLimitReached";
        }
        if (Limit(tenant) is { } tenantMax
            && calls.Where(c => c.SpaceId is { } id && db.FindSpace(id)?["tenant"] == tenant!.Id).Sum(c => c.ParticipantLegs.Count()) >= tenantMax)
        {
            return "tenantParticipantLimitReached";
        }
        return null;
    }

    private static int? Limit(CmsObject? owner) =>
        owner?["participantLimit"] is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>What the directory says of an address: an exact entry, else the longest prefix entry
    /// (<c>busy*</c>), else it answers.</summary>
    public DialOutcome Lookup(string address)
    {
        var directory = cluster.Options.Directory;
        if (directory.TryGetValue(address, out var exact))
        {
            return exact;
        }
        var best = DialOutcome.Answer;
        var bestLength = -1;
        foreach (var (key, outcome) in directory)
        {
            if (key.EndsWith('*') && key.Length - 1 > bestLength && address.StartsWith(key[..^1], StringComparison.OrdinalIgnoreCase))
            {
                best = outcome;
                bestLength = key.Length - 1;
            }
        }
        return best;
    }
}

internal sealed record DialInResult(string? RefusedBecause, SimCall? Call, SimLeg? Leg)
{
    public static DialInResult Refused(string reason) => new(reason, null, null);
}
