using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Media;

/// <summary>An active conference instance on one Call Bridge.</summary>
internal sealed class SimCall(string id, SimNode node) : CmsObject(id)
{
    public SimNode Node { get; } = node;

    public string? SpaceId { get; init; }

    public required string Name { get; init; }

    public required string Correlator { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Created through <c>POST /calls</c>: it lasts until deleted. A call that a dial-in
    /// started ends when its last leg leaves.</summary>
    public bool CreatedByApi { get; init; }

    public List<SimLeg> Legs { get; } = [];

    /// <summary>The legs of participants, without distribution links.</summary>
    public IEnumerable<SimLeg> ParticipantLegs => Legs.Where(l => !l.IsLink);

    public int MaxLegs { get; set; }

    public int LegsCompleted { get; set; }

    /// <summary>The id of the recording running for this call (its <c>recordingStart</c> CDR), or null.</summary>
    public string? RecordingId { get; set; }

    /// <summary>The id of the stream running for this call (its <c>streamingStart</c> CDR), or null.</summary>
    public string? StreamingId { get; set; }
}

internal enum LegState
{
    Initial,
    Ringing,
    Connected,
}

/// <summary>One media connection; its <see cref="CmsObject.Values"/> hold the leg's configuration
/// (<c>ownerId</c>, <c>chosenLayout</c>, per-leg profile overrides).</summary>
internal sealed class SimLeg(string id, SimCall call, SimParticipant participant) : CmsObject(id)
{
    public SimCall Call { get; } = call;

    public SimParticipant Participant { get; } = participant;

    public required string RemoteParty { get; init; }

    /// <summary>The address as the API gave it, before dial transforms rewrote it
    /// (<c>originalRemoteParty</c>, 2.3); the remote party itself for other legs.</summary>
    public string? OriginalRemoteParty { get; init; }

    /// <summary>Whether the leg activates the call (its effective <c>needsActivation</c> is false). A
    /// leg that needs activation waits deactivated (the lobby) until an activator is in the meeting.</summary>
    public bool IsActivator { get; set; } = true;

    /// <summary>The leg is in the lobby: <c>status/deactivated</c> true. Kept in the leg's values as
    /// <c>deactivated</c>, which the leg's XML reads.</summary>
    public bool Deactivated
    {
        get => IsTrue("deactivated");
        set
        {
            if (value)
            {
                Values["deactivated"] = "true";
            }
            else
            {
                Values.Remove("deactivated");
            }
        }
    }

    /// <summary>Since when the leg is connected and activated, for <c>activatedDuration</c>.</summary>
    public DateTimeOffset? ActivatedSince { get; set; }

    /// <summary>Time the leg spent connected and activated before <see cref="ActivatedSince"/>.</summary>
    public TimeSpan ActivatedBefore { get; set; }

    /// <summary><c>deactivated</c> as given when the leg was created or set before it connected: false
    /// admits it past the lobby (2.9), true holds it there even with an activator present; null lets
    /// the lobby decide.</summary>
    public bool? JoinDeactivated { get; set; }

    /// <summary>The pending <c>deactivationMode</c> after the last activator left.</summary>
    public ITimer? DeactivationTimer { get; set; }

    public required string Direction { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public LegState State { get; set; }

    public DateTimeOffset? ConnectedAt { get; set; }

    public int Bandwidth { get; init; } = 2_000_000;

    public string? SipCallId { get; init; }

    /// <summary>For a dial-in: the space's access method whose URI or call ID and passcode it used, whose
    /// call leg profile then takes part in the leg's configuration; null when it dialled the space itself.</summary>
    public string? AccessMethodId { get; set; }

    public ITimer? Timer { get; set; }

    /// <summary>For a distribution link: the instance of the same meeting on another node it joins.</summary>
    public SimCall? LinkedCall { get; init; }

    /// <summary>A distribution link between two nodes' instances of one meeting (<c>subType</c>
    /// <c>distributionLink</c>), not a participant.</summary>
    public bool IsLink => LinkedCall is not null;

    public string StateName => State switch
    {
        LegState.Initial => "initial",
        LegState.Ringing => "ringing",
        _ => "connected",
    };
}

/// <summary>A logical attendee; on SIP it owns one leg.</summary>
internal sealed class SimParticipant(string id, SimCall call) : CmsObject(id)
{
    public SimCall Call { get; } = call;

    public required string Name { get; init; }

    public required string Uri { get; init; }

    public List<SimLeg> Legs { get; } = [];
}
