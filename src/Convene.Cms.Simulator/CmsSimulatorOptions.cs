using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using Convene.Cms.Simulator.Media;

namespace Convene.Cms.Simulator;

/// <summary>How the simulated CMS cluster looks and behaves. Bound from the <c>CmsSimulator</c>
/// configuration section; every value has a default that needs no setup.</summary>
public sealed class CmsSimulatorOptions
{
    public const string Section = "CmsSimulator";

    /// <summary>How many Call Bridges the cluster has.</summary>
    [Range(1, 16)]
    public int Nodes { get; set; } = 2;

    /// <summary>Node names are this prefix and 1, 2, …, as in the seed's CallBridge-Core1.</summary>
    [Required]
    public string NodeNamePrefix { get; set; } = "CallBridge-Core";

    /// <summary>The first node's API port; the others follow. 0 picks free ports.</summary>
    [Range(0, 65535)]
    public int BasePort { get; set; }

    /// <summary>The address every node listens on. Loopback only, by design.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    [Required]
    public string Username { get; set; } = "admin";

    /// <summary>The API password of every node; when empty each node gets its own random password.</summary>
    public string? Password { get; set; }

    /// <summary>Per-node credentials and ports, by node name; they win over the cluster-wide values.</summary>
    public Dictionary<string, NodeSettings> NodeOverrides { get; set; } = [];

    /// <summary><c>softwareVersion</c> in <c>system/status</c>; gates parameters removed in later
    /// versions (<c>messageBoardEnabled</c> from 3.0).</summary>
    [Required]
    public string SoftwareVersion { get; set; } = "3.9.2";

    /// <summary>When true, a parameter that the configured version no longer has is refused with
    /// <c>parameterError</c>; when false it is ignored like any unknown parameter.</summary>
    public bool RejectRemovedParameters { get; set; } = true;

    /// <summary>The server's own cap on a list page; <c>limit</c> beyond it is cut to it.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 20;

    /// <summary>Largest bulk sync range; larger ranges end <c>failedIndexRangeTooGreat</c>.</summary>
    [Range(1, 1_000_000)]
    public int MaxBulkRange { get; set; } = 50_000;

    /// <summary>A bulk mapping that is sent without <c>$index$</c> gets the index appended, so the seed's
    /// <c>coSpaceNameMapping=TMS_Scheduled_Meeting_</c> and empty URI and call ID mappings give
    /// <c>TMS_Scheduled_Meeting_1</c> with URI and call ID 1, as the seed's screenshot shows.</summary>
    public bool AppendIndexWhenMappingHasNoPlaceholder { get; set; } = true;

    /// <summary>How long a queued bulk sync stays <c>pending</c>, then <c>running</c>.</summary>
    public TimeSpan BulkSyncPendingTime { get; set; } = TimeSpan.Zero;

    public TimeSpan BulkSyncRunningTime { get; set; } = TimeSpan.Zero;

    /// <summary>What <c>POST /calls</c> does for a space that already has a call on that node.</summary>
    public DuplicateCallPolicy DuplicateCalls { get; set; } = DuplicateCallPolicy.ReturnExisting;

    /// <summary>The domain of the full SIP URIs the bridge gives out (<c>coSpaces/{id}/meetingEntryDetail</c>
    /// writes <c>uri@SipDomain</c>); empty gives the URI's user part alone.</summary>
    public string? SipDomain { get; set; } = "example.com";

    /// <summary>The web bridge's base URL, such as <c>https://join.example.com</c>: the web join link of a space
    /// (3.x <c>meetingEntryDetail</c> <c>webAddress</c>) is <c>{WebBridgeUrl}/meeting/{callId}?secret={secret}</c>.
    /// When unset, as on a CMS without a web bridge, there is no web join link.</summary>
    public Uri? WebBridgeUrl { get; set; }

    /// <summary>Whether a recorder and a streamer answer: when true, a call's <c>recordingStatus</c> and
    /// <c>streamingStatus</c> follow <c>recording</c> and <c>streaming</c> (the recorder joins at once); when
    /// false they stay false, as on a CMS whose recorder cannot be reached.</summary>
    public bool RecordersAvailable { get; set; } = true;

    /// <summary>A dialled leg goes from initial to ringing after this time…</summary>
    public TimeSpan RingAfter { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>…and from ringing to connected (or declined) after this time.</summary>
    public TimeSpan AnswerAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>A far end that does not answer is given up after this long.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Far ends by address. A key ending in <c>*</c> matches by prefix of the address;
    /// anything not listed answers.</summary>
    public Dictionary<string, DialOutcome> Directory { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unreachable*"] = DialOutcome.Unreachable,
        ["busy*"] = DialOutcome.Busy,
        ["reject*"] = DialOutcome.Reject,
        ["noanswer*"] = DialOutcome.NoAnswer,
    };

    /// <summary>Media impairments of far ends by address (exact, or a prefix ending in <c>*</c>), as
    /// <see cref="Directory"/>: an impaired leg ends with <c>&lt;alarm&gt;</c> elements in its
    /// <c>callLegEnd</c> CDR when a figure crosses the alarm threshold.</summary>
    public Dictionary<string, LegImpairment> Impairments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The JIDs of the bridge's users (CMS makes them by LDAP sync), matched without regard to case. A space's
    /// <c>ownerJid</c> must name one of them, else the POST or PUT is refused with <c>userDoesNotExist</c>, as CMS
    /// refuses it (an empty <c>ownerJid=</c> clears the owner). Empty by default: no users.</summary>
    public List<string> Users { get; set; } = [];

    /// <summary>When true, a dial-out that no outbound dial plan rule matches fails
    /// (<c>unknownDestination</c>) even when no rule is configured at all; when false (the default), a
    /// cluster without any rule dials every address directly, so setups that never configure a dial
    /// plan keep working. With at least one rule, an address no rule matches always fails.</summary>
    public bool RequireOutboundDialPlan { get; set; }

    /// <summary>How many CDR receivers a node takes (<c>maximum</c> on <c>system/cdrReceivers</c>): 4 in
    /// current CMS versions, 2 in R1.8.</summary>
    [Range(1, 16)]
    public int MaxCdrReceivers { get; set; } = 4;
    /// <summary>The Web Admin call settings (Configuration &gt; Call settings) every call leg's configuration
    /// starts from, below the global call leg profile: call leg profile parameter → value. The defaults are
    /// what a real dialled-out leg with no profile shows: SIP media encryption optional, TIP calls off, the SIP
    /// presentation channel on, BFCP as server and client. An empty value leaves a setting unset.</summary>
    public Dictionary<string, string> CallSettings { get; set; } = new(StringComparer.Ordinal)
    {
        ["sipMediaEncryption"] = "optional",
        ["telepresenceCallsAllowed"] = "false",
        ["sipPresentationChannelEnabled"] = "true",
        ["bfcpMode"] = "serverAndClient",
    };

    /// <summary>Write the API trace to standard output as well as keeping it in memory.</summary>
    public bool TraceToConsole { get; set; }

    /// <summary>Trace lines kept per node for the trace endpoint.</summary>
    [Range(100, 10_000_000)]
    public int TraceCapacity { get; set; } = 50_000;

    /// <summary>Response body lines written to the trace before it elides the rest with <c>[...]</c>
    /// (the seed shows eight).</summary>
    [Range(0, 100_000)]
    public int TraceBodyLines { get; set; } = 8;

    /// <summary>Seed for the random choices of fault injection (which requests get 503), for repeatable runs.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Faults each node starts with, by node name (or <c>*</c> for all).</summary>
    public Dictionary<string, NodeFaults> StartupFaults { get; set; } = [];

    /// <summary>When set, nodes serve HTTPS with this certificate, as a real CMS does.</summary>
    public X509Certificate2? Certificate { get; set; }
}

/// <summary>What one node has of its own, by node name in <see cref="CmsSimulatorOptions.NodeOverrides"/>.</summary>
public sealed class NodeSettings
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Range(0, 65535)]
    public int? Port { get; set; }

    /// <summary>The node's <c>uniqueName</c> in <c>system/configuration/cluster</c>: by default the node's name
    /// (which is also its name in the <c>callBridges</c> table); empty for a node that has none, which CMS
    /// writes as <c>&lt;uniqueName/&gt;</c>.</summary>
    [MaxLength(200)]
    public string? UniqueName { get; set; }
}

public enum DuplicateCallPolicy
{
    /// <summary>Answer with the Location of the call the space already has on that node.</summary>
    ReturnExisting,

    /// <summary>Create a second call instance of the space on the node.</summary>
    CreateSecond,

    /// <summary>Refuse with <c>parameterError parameter="coSpace"</c>.</summary>
    Reject,
}

/// <summary>How a far end's media suffers: the figures a leg to it reports, for the alarms of its
/// <c>callLegEnd</c> CDR (<c>packetLoss</c> from 1 %, <c>excessiveJitter</c> from 40 ms,
/// <c>highRoundTripTime</c> from 400 ms: the simulator's thresholds).</summary>
public sealed class LegImpairment
{
    /// <summary>Packets lost, in percent (0 to 100).</summary>
    [Range(0.0, 100.0)]
    public double PacketLossPercentage { get; set; }

    /// <summary>Jitter in milliseconds.</summary>
    [Range(0, 10_000)]
    public int JitterMilliseconds { get; set; }

    /// <summary>Round-trip time in milliseconds.</summary>
    [Range(0, 60_000)]
    public int RoundTripTimeMilliseconds { get; set; }
}
