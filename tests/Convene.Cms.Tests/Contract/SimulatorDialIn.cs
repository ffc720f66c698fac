using System.Net.Http.Json;

namespace Convene.Cms.Tests.Contract;

/// <summary>What the simulator's control API answers to a dial-in: the refusal reason, or the call,
/// leg and participant it made.</summary>
public sealed record DialInResult(string? Refused, string? Call, string? CallLeg, string? Participant);

/// <summary>Dials into a simulated node as an endpoint would (<c>POST /sim/nodes/{name}/dialIn</c>): the
/// only way into a meeting that the CMS API itself does not offer.</summary>
public static class SimulatorDialIn
{
    public static async Task<DialInResult> DialInAsync(this SimulatedCluster cluster, string uri, string? passcode = null,
        string caller = "guest@endpoints.example.com", int index = 0)
    {
        using var http = new HttpClient();
        var node = cluster.Host.Nodes[index].Name;
        using var response = await http.PostAsJsonAsync(new Uri(cluster.Host.ControlUrl, $"sim/nodes/{node}/dialIn"),
            new { uri, passcode, caller }, TestContext.Current.CancellationToken);
        return await response.Content.ReadFromJsonAsync<DialInResult>(TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The simulator answered a dial-in with nothing.");
    }

    /// <summary>Like <see cref="DialInAsync"/>, and fails the test unless the dial-in was let in.</summary>
    public static async Task<DialInResult> JoinAsync(this SimulatedCluster cluster, string uri, string? passcode = null,
        string caller = "guest@endpoints.example.com", int index = 0)
    {
        var result = await cluster.DialInAsync(uri, passcode, caller, index);
        Assert.Null(result.Refused);
        return result;
    }
}
