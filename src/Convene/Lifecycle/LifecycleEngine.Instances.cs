using Convene.Cms;
using Convene.Live;
using Convene.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>Deletes the call instances of a meeting on the other nodes of its bridge (one <c>DELETE calls/{id}</c>
    /// each). A deleted one, or one gone already (404), or one of a node no longer on the bridge, is forgotten; one
    /// whose node does not answer (or refuses) stays recorded for reconciliation (<see cref="DeleteLeftoverInstancesAsync"/>).
    /// Rows are deleted at once (not with the run's save): the node's <c>callEnd</c> CDR may delete the same row meanwhile.</summary>
    private static async Task<int> DeleteInstancesAsync(MeetingRun run, IEnumerable<CallInstance> instances, CancellationToken ct)
    {
        var gone = 0;
        foreach (var instance in instances.ToList())
        {
            if (run.Node(instance.NodeId) is not { } node)
            {
                await ForgetAsync(run, instance.NodeId, instance.CallId, ct);
                continue;
            }
            try
            {
                await run.SendAsync(node, "DELETE", MeetingRun.CallPath(instance.CallId), c => c.DeleteCallAsync(instance.CallId, ct), ct);
                await ForgetAsync(run, node.Id, instance.CallId, ct);
            }
            catch (CmsApiException e) when (e.IsNotFound)
            {
                await ForgetAsync(run, node.Id, instance.CallId, ct);
            }
            catch (CmsApiException e)
            {
                run.Transition($"The call's instance {instance.CallId} on {node.Name} could not be deleted ({e.Kind}); reconciliation deletes it.");
                continue;
            }
            gone++;
        }
        return gone;
    }

    /// <summary>Forgets the instance of the meeting's call on a node (every one of that node when
    /// <paramref name="callId"/> is null), at once.</summary>
    private static Task<int> ForgetAsync(MeetingRun run, Guid nodeId, string? callId, CancellationToken ct) =>
        run.Db.CallInstances.Where(i => i.MeetingId == run.Meeting.Id && i.NodeId == nodeId && (callId == null || i.CallId == callId)).ExecuteDeleteAsync(ct);

    /// <summary>Reconciliation: deletes every recorded call instance whose meeting is over (Ended, Cancelled, Failed),
    /// such as one on a node that did not answer at the end, so that no call is left behind to join the placeholder's
    /// next meeting. Returns how many were deleted or found gone.</summary>
    public async Task<int> DeleteLeftoverInstancesAsync(CancellationToken ct)
    {
        List<Guid> meetings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.ConveneDb>();
            meetings = await (from i in db.CallInstances
                              join m in db.Meetings on i.MeetingId equals m.Id
                              where !Meeting.LiveStates.Contains(m.State)
                              select m.Id).Distinct().ToListAsync(ct);
        }
        var deleted = 0;
        foreach (var id in meetings)
        {
            deleted += await WithMeetingAsync(id, async run =>
            {
                if (run.Meeting.IsLive)
                {
                    return 0; // started again meanwhile: its own end deletes them
                }
                var instances = await run.Db.CallInstances.AsNoTracking().Where(i => i.MeetingId == id).ToListAsync(ct);
                var gone = await DeleteInstancesAsync(run, instances, ct);
                if (gone > 0)
                {
                    run.Transition($"Reconciliation deleted {gone} call instance(s) left on the bridge after the end.");
                }
                await run.SaveAsync(ct);
                return gone;
            }, 0, ct);
        }
        return deleted;
    }
}
