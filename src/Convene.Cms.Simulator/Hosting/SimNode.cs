using System.Text;
using Convene.Cms.Simulator.Cdr;
using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator;

/// <summary>One Call Bridge: its API endpoint and credentials, and what is per node in a CMS cluster
/// (calls, call legs, participants, status counters, cluster configuration, CDR receivers, trace).</summary>
internal sealed class SimNode
{
    public SimNode(SimCluster cluster, string name, string username, string password, int port)
    {
        Cluster = cluster;
        Name = name;
        Username = username;
        Password = password;
        Port = port;
        CallBridgeId = CmsObject.NewId();
        HostId = CmsObject.NewId();
        ExpectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        Trace = new ApiTrace(name, cluster.Options.TraceCapacity, cluster.Options.TraceBodyLines, cluster.ConsoleTrace);
        Cdr = new CdrDispatcher(this);
        ClusterConfiguration = new CmsObject("cluster");
        ResetConfiguration();
    }

    public SimCluster Cluster { get; }

    public string Name { get; }

    public string CallBridgeId { get; }

    /// <summary>The host's GUID in <c>system/status</c> (2.6 and later): one per node, unlike the cluster's id.</summary>
    public string HostId { get; }

    public string Username { get; }

    public string Password { get; }

    public string ExpectedAuthorization { get; }

    public int Port { get; set; }

    public string Scheme => Cluster.Options.Certificate is null ? "http" : "https";

    public string ApiUrl => $"{Scheme}://{Cluster.Options.ListenAddress}:{Port}";

    public bool IsUp { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public NodeFaults Faults { get; set; } = new();

    public ApiTrace Trace { get; }

    public CdrDispatcher Cdr { get; }

    public CmsObject ClusterConfiguration { get; }

    public OrderedDictionary<string, CmsObject> CdrReceivers { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, SimCall> Calls { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, SimLeg> Legs { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, SimParticipant> Participants { get; } = new(StringComparer.Ordinal);

    public long LegsMaxActive { get; set; }

    public long LegsCompleted { get; set; }

    /// <summary>Active alarms by type (e.g. <c>cdrConnectionFailure</c>), with the time each was raised.</summary>
    public Dictionary<string, (string Id, DateTimeOffset Since, string? Reason)> Alarms { get; } = [];

    internal NodeServer? Server { get; set; }

    /// <summary>A restarted Call Bridge has lost its calls and counters, as after a crash.</summary>
    public void ResetMedia()
    {
        foreach (var leg in Legs.Values)
        {
            leg.Timer?.Dispose();
            leg.DeactivationTimer?.Dispose();
        }
        Calls.Clear();
        Legs.Clear();
        Participants.Clear();
        LegsMaxActive = 0;
        LegsCompleted = 0;
        Alarms.Clear();
    }

    /// <summary>The cluster configuration a node starts with: its unique name (the node's name unless
    /// <see cref="NodeSettings.UniqueName"/> says otherwise, empty for none), and the two load thresholds
    /// at the defaults the blueprint gives (5000 and 8000 basis points). The rest is unset.</summary>
    private void ResetConfiguration()
    {
        var values = ClusterConfiguration.Values;
        Cluster.Options.NodeOverrides.TryGetValue(Name, out var custom);
        if ((custom?.UniqueName ?? Name) is { Length: > 0 } uniqueName)
        {
            values["uniqueName"] = uniqueName;
        }
        values["newConferenceLoadLimitBasisPoints"] = "5000";
        values["existingConferenceLoadLimitBasisPoints"] = "8000";
    }
}
