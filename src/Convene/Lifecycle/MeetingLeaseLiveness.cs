using Quartz;

namespace Convene.Lifecycle;

/// <summary>
/// Who this process is and whether the holder of a meeting lease is alive. The owner id is made once per process
/// (machine name and a random part) and is also the Quartz scheduler's instance id, so on a clustered store (PostgreSQL
/// with the scheduler on) Quartz's check-in table (<c>qrtz_scheduler_state</c>) tells which holders are alive:
/// <see cref="IScheduler.QueryClusterNodes"/> judges each node with the predicate Quartz's own recovery applies (last
/// check-in plus its interval and Quartz's threshold, widened by this node's own time out of touch), and a node it
/// calls failed, or no longer lists because recovery swept it, holds no lease. Not clustered, nothing is known of
/// other instances: their leases last until they expire, and start-up clears those left by a previous process
/// (<see cref="MeetingLeases.ClearLeftoversAsync"/>).
/// </summary>
public sealed class MeetingLeaseLiveness(string owner, bool clustered, IServiceProvider services)
{
    /// <summary>This process's lease owner id and, when the scheduler runs, its Quartz instance id.</summary>
    public string Owner { get; } = owner;

    /// <summary>True when Quartz runs clustered, so its check-in table knows the live instances.</summary>
    public bool Clustered { get; } = clustered;

    /// <summary>A new owner id: the machine name (for people reading the table) and 12 random hex digits; at most 60 characters.</summary>
    public static string NewOwner()
    {
        var machine = Environment.MachineName;
        return $"{(machine.Length > 40 ? machine[..40] : machine)}-{Guid.NewGuid().ToString("N")[..12]}";
    }

    /// <summary>True when <paramref name="holder"/> is known dead: clustered, and Quartz calls it failed or no longer
    /// lists it. Never for this process, and never when not clustered.</summary>
    public async Task<bool> IsDeadAsync(string holder, CancellationToken ct)
    {
        if (!Clustered || holder == Owner || services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return false;
        }
        IReadOnlyList<ClusterNode> nodes;
        try
        {
            nodes = await (await factory.GetScheduler(ct)).QueryClusterNodes(ct);
        }
        catch (SchedulerException)
        {
            return false; // shut down: nothing is known
        }
        var node = nodes.FirstOrDefault(n => n.InstanceId == holder);
        return node is null || node.State == ClusterNodeState.Failed;
    }
}
