using Convene.Bridges;
using Convene.Cms;
using Convene.Meetings;

namespace Convene.Lifecycle;

public sealed partial class LifecycleEngine
{
    /// <summary>The CMS reason for an <c>ownerJid</c> that names no user of the bridge.</summary>
    internal const string UserDoesNotExist = "userDoesNotExist";

    /// <summary>The organizer's JID by <see cref="MeetingsOptions.OwnerJid"/>, or not sent when the mapping is off.</summary>
    private CmsParam<string> OwnerJid(Meeting meeting) =>
        OwnerJidFormat.Map(meetingsOptions.Value.OwnerJid, meeting.OrganizerName) is { } jid ? jid : default(CmsParam<string>);

    /// <summary>Opens the space (one PUT, on the node <see cref="MeetingRun.SharedDataNodes"/> picks, <paramref name="node"/>
    /// unless another is less busy: spaces are cluster-wide). CMS refuses the whole PUT when its <c>ownerJid</c> names no
    /// user of the bridge (<c>userDoesNotExist</c>): the meeting must open all the same, so the space is then opened
    /// without an owner (a second PUT) and the timeline says why. Only that refusal costs the extra request.</summary>
    /// <exception cref="CmsApiException">No node took the PUT (the last transient failure), or the CMS refused it.</exception>
    private Task OpenSpaceAsync(MeetingRun run, BridgeNode node, string spaceId, SpaceChanges open, CancellationToken ct) =>
        OnAnyNodeAsync(run, node.Id, async target =>
        {
            try
            {
                await run.SendAsync(target, "PUT", MeetingRun.SpacePath(spaceId), c => c.UpdateSpaceAsync(spaceId, open, ct), ct);
            }
            catch (CmsApiException e) when (open.OwnerJid.IsSent && e.HasReason(UserDoesNotExist))
            {
                run.Transition($"The organizer's JID {open.OwnerJid.Value} is not a user of the bridge ({UserDoesNotExist}); opening the space without an owner.");
                LifecycleLog.OwnerUnknown(logger, run.Meeting.Id);
                await run.SendAsync(target, "PUT", MeetingRun.SpacePath(spaceId), c => c.UpdateSpaceAsync(spaceId, open with { OwnerJid = default }, ct), ct);
            }
        });
}
