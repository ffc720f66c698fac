using System.Net.Http.Headers;
using System.Text;

namespace Convene.Cms.Tests;

/// <summary>Sets up what a call test needs (spaces, call profiles) with plain form POSTs, so the call
/// tests do not depend on the client's own space methods.</summary>
public static class SimulatorSeed
{
    public static readonly TimeSpan RingAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan AnswerAfter = TimeSpan.FromSeconds(4);

    /// <summary>The simulator's timing made explicit, so tests advance the fake clock by known steps.</summary>
    public static void Timing(Simulator.CmsSimulatorOptions options)
    {
        options.RingAfter = RingAfter;
        options.AnswerAfter = AnswerAfter;
    }

    /// <summary>Rings, then answers, every leg dialled before the call (the simulator's two timers).</summary>
    public static void Answer(Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        time.Advance(RingAfter);
        time.Advance(AnswerAfter);
    }

    public static Task<string> CreateSpaceAsync(this SimulatedCluster cluster, string name, string? more = null) =>
        PostAsync(cluster, "/api/v1/coSpaces", $"name={Uri.EscapeDataString(name)}{(more is null ? "" : "&" + more)}");

    public static Task<string> CreateCallProfileAsync(this SimulatedCluster cluster, int participantLimit) =>
        PostAsync(cluster, "/api/v1/callProfiles", $"participantLimit={participantLimit}");

    private static async Task<string> PostAsync(SimulatedCluster cluster, string path, string form)
    {
        var node = cluster.Host.Nodes[0];
        using var http = new HttpClient { BaseAddress = node.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.Username}:{node.Password}")));
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var location = response.Headers.Location!.OriginalString;
        return location[(location.LastIndexOf('/') + 1)..];
    }
}
