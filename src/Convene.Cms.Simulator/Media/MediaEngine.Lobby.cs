using System.Globalization;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// The lobby (call leg profile <c>needsActivation</c>, <c>deactivationMode</c>,
/// <c>deactivationModeTime</c>; reference §1.5): a leg that needs activation waits deactivated until an
/// activator is connected in the meeting (any node's instance); when the last activator leaves, each
/// remaining leg's <c>deactivationMode</c> applies after its <c>deactivationModeTime</c> seconds.
/// </summary>
internal sealed partial class MediaEngine
{
    /// <summary>A call leg profile value as it applies to <paramref name="leg"/>: its effective configuration
    /// (<see cref="LegConfiguration.Effective"/>: the global, tenant, space, access method and leg profiles
    /// and the leg's own values, the most specific winning).</summary>
    public string? Effective(SimLeg leg, string name) => LegConfiguration.Effective(cluster, leg).GetValueOrDefault(name);

    /// <summary>The participant legs of every node's instance of the leg's meeting.</summary>
    private IEnumerable<SimLeg> MeetingLegs(SimCall call) => Instances(call).SelectMany(c => c.ParticipantLegs);

    private bool ActivatorPresent(SimCall call, SimLeg? except) =>
        MeetingLegs(call).Any(l => l != except && l.IsActivator && l.State == LegState.Connected);

    /// <summary>Decides on connect whether the leg waits in the lobby; an activator that connects
    /// activates every leg waiting there.</summary>
    private void EnterMeeting(SimLeg leg, DateTimeOffset now)
    {
        var deactivated = leg.JoinDeactivated ?? (!leg.IsActivator && !ActivatorPresent(leg.Call, leg));
        leg.Deactivated = deactivated;
        leg.ActivatedSince = deactivated ? null : now;
        if (leg.IsActivator)
        {
            ActivateMeeting(leg);
        }
    }

    /// <summary>An activator is connected: every leg waiting in the lobby is activated, and pending
    /// deactivations are called off.</summary>
    private void ActivateMeeting(SimLeg activator)
    {
        foreach (var other in MeetingLegs(activator.Call).Where(l => l != activator && l.State == LegState.Connected).ToList())
        {
            other.DeactivationTimer?.Dispose();
            other.DeactivationTimer = null;
            if (other.Deactivated && other.JoinDeactivated != true)
            {
                SetDeactivated(other, false);
            }
        }
    }

    /// <summary>Moves a leg into or out of the lobby (<c>PUT … deactivated=</c>), with a
    /// <c>callLegUpdate</c> CDR when a connected leg changes.</summary>
    public void SetDeactivated(SimLeg leg, bool deactivated)
    {
        if (leg.State != LegState.Connected)
        {
            // Not in the meeting yet: the choice applies when it connects.
            leg.JoinDeactivated = deactivated;
            return;
        }
        if (leg.Deactivated == deactivated)
        {
            return;
        }
        var now = cluster.Time.GetUtcNow();
        if (deactivated)
        {
            leg.ActivatedBefore += now - (leg.ActivatedSince ?? now);
            leg.ActivatedSince = null;
        }
        else
        {
            leg.ActivatedSince = now;
        }
        leg.Deactivated = deactivated;
        RecordLegUpdate(leg, now);
        leg.Call.Node.Trace.Conference(now, $"participant \"{leg.RemoteParty}\" {(deactivated ? "deactivated" : "activated")} in space {leg.Call.SpaceId}");
    }

    /// <summary>After an activator left: when none is left, each remaining leg that needed activation
    /// gets its <c>deactivationMode</c> (default <c>deactivate</c>) after its
    /// <c>deactivationModeTime</c> (default 0 s), unless an activator joins meanwhile.</summary>
    private void LeaveMeeting(SimLeg leg)
    {
        if (leg.IsActivator && leg.State == LegState.Connected)
        {
            AfterActivatorLeft(leg.Call, leg);
        }
    }

    /// <summary>Applies the deactivation modes in the meeting of <paramref name="call"/> when no
    /// activator (other than <paramref name="leaving"/>) is connected any more.</summary>
    public void AfterActivatorLeft(SimCall call, SimLeg? leaving)
    {
        if (ActivatorPresent(call, leaving))
        {
            return;
        }
        foreach (var other in MeetingLegs(call).Where(l => l != leaving && !l.IsActivator && l.State == LegState.Connected && !l.Deactivated).ToList())
        {
            var mode = Effective(other, "deactivationMode") ?? "deactivate";
            if (mode == "remainActivated" || other.DeactivationTimer is not null)
            {
                continue;
            }
            var after = TimeSpan.FromSeconds(int.Parse(Effective(other, "deactivationModeTime") ?? "0", CultureInfo.InvariantCulture));
            if (after <= TimeSpan.Zero)
            {
                ApplyDeactivationMode(other, mode);
            }
            else
            {
                other.DeactivationTimer = cluster.Schedule(after, () => ApplyDeactivationMode(other, mode));
            }
        }
    }

    /// <summary>After a change of a connected leg's own settings or profile (<c>PUT</c>): a leg that
    /// became an activator activates the meeting; one that stopped being one may leave it without.</summary>
    public void Reevaluate(SimLeg leg)
    {
        var wasActivator = leg.IsActivator;
        leg.IsActivator = Effective(leg, "needsActivation") != "true";
        if (leg.State != LegState.Connected || wasActivator == leg.IsActivator)
        {
            return;
        }
        if (leg.IsActivator)
        {
            if (leg.JoinDeactivated != true)
            {
                SetDeactivated(leg, false);
            }
            ActivateMeeting(leg);
        }
        else
        {
            AfterActivatorLeft(leg.Call, null);
        }
    }

    private void ApplyDeactivationMode(SimLeg leg, string mode)
    {
        leg.DeactivationTimer = null;
        if (!leg.Call.Node.Legs.ContainsKey(leg.Id) || ActivatorPresent(leg.Call, null))
        {
            return;
        }
        if (mode == "disconnect")
        {
            EndLeg(leg, "callDeactivated", remoteTeardown: false);
        }
        else
        {
            SetDeactivated(leg, true);
        }
    }
}
