using Convene.Cms.Simulator.Data;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>One API request as the handlers see it: path segments after <c>/api/v1</c>, parameters
/// matched case-insensitively, and the node it arrived at.</summary>
internal sealed class CmsRequest
{
    public required SimNode Node { get; init; }

    public required string Method { get; init; }

    public required string[] Segments { get; init; }

    public required Parameters Query { get; init; }

    public required Parameters Form { get; init; }

    public required string Remote { get; init; }

    public required DateTimeOffset Now { get; init; }

    public SimCluster Cluster => Node.Cluster;

    public ClusterDatabase Db => Node.Cluster.Database;

    public bool IsGet => Method == "GET";

    public bool IsPost => Method == "POST";

    public bool IsPut => Method == "PUT";

    public bool IsDelete => Method == "DELETE";

    /// <summary>True when the simulated version is <paramref name="major"/>.<paramref name="minor"/>
    /// or later: elements and parameters a version did not have yet are left out, as that version would.</summary>
    public bool Since(int major, int minor, int build = 0) =>
        Cluster.Version >= (build == 0 ? new Version(major, minor) : new Version(major, minor, build));

    public string Segment(int index) => index < Segments.Length ? Segments[index] : "";

    /// <summary>An id from the path: CMS ids are lowercase GUIDs.</summary>
    public string Id(int index) => Segment(index).ToLowerInvariant();

    public bool SegmentIs(int index, string name) => string.Equals(Segment(index), name, StringComparison.OrdinalIgnoreCase);

    public Dictionary<string, string?> Read(Schema schema) => schema.Read(Form, IsPost, Cluster.Validation);

    public void Audit(string what) => Node.Trace.Audit(Now, Remote, Node.Username, what);
}

/// <summary>What a handler answers: a status, an XML body for GET, a Location for POST.</summary>
internal readonly record struct CmsResult(int Status, string? Body, string? Location)
{
    public static readonly CmsResult Done = new(200, null, null);

    public static CmsResult Xml(string body) => new(200, body, null);

    public static CmsResult Created(string collection, string id) => new(200, null, $"/api/v1/{collection}/{id}");
}
