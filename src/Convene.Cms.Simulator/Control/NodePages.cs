using System.Net;
using System.Text;

namespace Convene.Cms.Simulator.Control;

/// <summary>Read-only pages, so a person can watch what a scheduler does to the bridge: an index of
/// the nodes and, per node, its spaces, calls, call legs and participants. They refresh themselves.</summary>
internal static class NodePages
{
    public static void MapNodePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (SimCluster cluster) => TypedResults.Content(Index(cluster), "text/html; charset=utf-8"));
        endpoints.MapGet("/nodes/{name}", (string name, SimCluster cluster) => cluster.FindNode(name) is { } node
            ? Results.Content(NodePage(node), "text/html; charset=utf-8")
            : Results.NotFound($"No node named '{name}'."));
    }

    private static string Index(SimCluster cluster)
    {
        var html = Page("Simulated CMS cluster", refresh: false);
        html.Append("<table><tr><th>Node</th><th>API</th><th>User</th><th>Password</th><th>State</th></tr>");
        foreach (var node in cluster.Nodes)
        {
            html.Append("<tr><td><a href=\"/nodes/").Append(E(node.Name)).Append("\">").Append(E(node.Name)).Append("</a></td><td>")
                .Append(E(node.ApiUrl)).Append("/api/v1</td><td>").Append(E(node.Username)).Append("</td><td>")
                .Append(E(node.Password)).Append("</td><td>").Append(node.IsUp ? "up" : "down").Append("</td></tr>");
        }
        return html.Append("</table></body></html>").ToString();
    }

    private static string NodePage(SimNode node)
    {
        var cluster = node.Cluster;
        var html = Page($"{node.Name} ({(node.IsUp ? "up" : "down")})", refresh: true);
        lock (cluster.Gate)
        {
            var spaces = cluster.Database.SortedSpaces();
            html.Append("<h2>Spaces (").Append(spaces.Count).Append(")</h2><table><tr><th>Name</th><th>URI user part</th><th>Call ID</th><th>Non-member access</th><th>Passcode set</th></tr>");
            foreach (var space in spaces.Take(500))
            {
                Row(html, space.Name, space["uri"], space["callId"], space.NonMemberAccess ? "yes" : "no", space["passcode"] is null ? "no" : "yes");
            }
            html.Append("</table>");
            if (spaces.Count > 500)
            {
                html.Append("<p>… and ").Append(spaces.Count - 500).Append(" more.</p>");
            }
            html.Append("<h2>Calls</h2><table><tr><th>Id</th><th>Name</th><th>Space</th><th>Correlator</th><th>Legs</th></tr>");
            foreach (var call in node.Calls.Values)
            {
                Row(html, call.Id, call.Name, call.SpaceId, call.Correlator, call.Legs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            html.Append("</table><h2>Call legs</h2><table><tr><th>Id</th><th>Remote party</th><th>Direction</th><th>State</th><th>Call</th></tr>");
            foreach (var leg in node.Legs.Values)
            {
                Row(html, leg.Id, leg.RemoteParty, leg.Direction, leg.StateName, leg.Call.Name);
            }
            html.Append("</table><h2>Participants</h2><table><tr><th>Id</th><th>Name</th><th>Call</th></tr>");
            foreach (var participant in node.Participants.Values)
            {
                Row(html, participant.Id, participant.Name, participant.Call.Name);
            }
        }
        return html.Append("</table></body></html>").ToString();
    }

    private static StringBuilder Page(string title, bool refresh)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"3\">");
        }
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}</style></head><body>")
            .Append("<p><a href=\"/\">Cluster</a></p><h1>").Append(E(title)).Append("</h1>");
        return html;
    }

    private static void Row(StringBuilder html, params string?[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(E(cell ?? "")).Append("</td>");
        }
        html.Append("</tr>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
