using System.Globalization;
using System.Text.RegularExpressions;
using Convene.Cms.Simulator;

namespace Convene.Tests.Lifecycle;

/// <summary>One request a simulated node logged in its API trace: the node, the trace's request number, method, path
/// (with the query), the form body as sent (passcodes masked), the status it answered and the Location it gave.</summary>
public sealed record TracedRequest(string Node, long Number, string Method, string Path, string Body, int? Status, string? Location)
{
    /// <summary>The value of a form parameter in the body ("" when sent empty, null when not sent).</summary>
    public string? Param(string name) => Body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    /// <summary>The id at the end of the Location a POST answered.</summary>
    public string? CreatedId => Location?[(Location.LastIndexOf('/') + 1)..];

    public override string ToString() => $"{Node} #{Number} {Method} {Path} [{Body}] → {Status}";
}

/// <summary>Reads a simulated cluster's API trace (every node, past a mark) into <see cref="TracedRequest"/>s, grouping the
/// lines by request number: under load the lines of concurrent requests interleave.</summary>
public static partial class ClusterTrace
{
    /// <summary>The last trace entry of each node now: pass it to <see cref="RequestsAsync"/> to read only what follows.</summary>
    public static async Task<Dictionary<string, long>> MarkAsync(CmsSimulatorHost cluster, CancellationToken ct)
    {
        var mark = new Dictionary<string, long>();
        foreach (var node in cluster.Nodes)
        {
            mark[node.Name] = (await LinesAsync(cluster, node.Name, 0, ct)).Select(l => l.Seq).DefaultIfEmpty(0).Max();
        }
        return mark;
    }

    /// <summary>Every request of every node after <paramref name="mark"/> (all when null), node by node, in order.</summary>
    public static async Task<List<TracedRequest>> RequestsAsync(CmsSimulatorHost cluster, Dictionary<string, long>? mark, CancellationToken ct)
    {
        var all = new List<TracedRequest>();
        foreach (var node in cluster.Nodes)
        {
            var requests = new SortedDictionary<long, Builder>();
            foreach (var (_, text) in await LinesAsync(cluster, node.Name, mark?.GetValueOrDefault(node.Name) ?? 0, ct))
            {
                var line = Line().Match(text);
                if (!line.Success)
                {
                    continue;
                }
                var number = long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
                var rest = line.Groups[2].Value;
                if (Request().Match(rest) is { Success: true } request)
                {
                    requests[number] = new Builder { Method = request.Groups[1].Value, Path = request.Groups[2].Value };
                }
                else if (requests.TryGetValue(number, out var b))
                {
                    b.Add(rest);
                }
            }
            all.AddRange(requests.Select(r => new TracedRequest(node.Name, r.Key, r.Value.Method, r.Value.Path, string.Join('&', r.Value.BodyLines.Select(l => l.TrimEnd('&'))),
                r.Value.Status, r.Value.Location)));
        }
        return all;
    }

    /// <summary>The trace lines of a node after entry <paramref name="after"/>, page by page.</summary>
    private static async Task<List<(long Seq, string Text)>> LinesAsync(CmsSimulatorHost cluster, string node, long after, CancellationToken ct)
    {
        using var http = new HttpClient();
        var lines = new List<(long, string)>();
        while (true)
        {
            var text = await http.GetStringAsync(new Uri(cluster.ControlUrl, $"sim/nodes/{node}/trace?after={after}&max=100000"), ct);
            var page = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => (Seq: long.Parse(l[..l.IndexOf('\t', StringComparison.Ordinal)], CultureInfo.InvariantCulture), Text: l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..]))
                .ToList();
            if (page.Count == 0)
            {
                return lines;
            }
            lines.AddRange(page);
            after = page[^1].Seq;
        }
    }

    private sealed class Builder
    {
        private bool _inBody;
        private bool _answered;

        public required string Method { get; init; }

        public required string Path { get; init; }

        public List<string> BodyLines { get; } = [];

        public int? Status { get; private set; }

        public string? Location { get; private set; }

        public void Add(string text)
        {
            if (!_answered && Sending().Match(text) is { Success: true } sending)
            {
                Status = int.Parse(sending.Groups[1].Value, CultureInfo.InvariantCulture);
                _answered = true;
                _inBody = false;
            }
            else if (_answered && text.StartsWith("Location: ", StringComparison.Ordinal) && Location is null)
            {
                Location = text["Location: ".Length..];
            }
            else if (!_answered && text.StartsWith("content data size", StringComparison.Ordinal))
            {
                _inBody = true;
            }
            else if (_inBody)
            {
                BodyLines.Add(text);
            }
        }
    }

    [GeneratedRegex(@"API trace (\d+): (.*)$")]
    private static partial Regex Line();

    [GeneratedRegex("^(GET|POST|PUT|DELETE) for \"([^\"]+)\"")]
    private static partial Regex Request();

    [GeneratedRegex(@"^sending (\d+) response")]
    private static partial Regex Sending();
}
