using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator.Media;

/// <summary>
/// A call leg's effective configuration, as <c>GET /callLegs/{id}</c> shows it in <c>&lt;configuration&gt;</c>:
/// every call leg profile setting resolved along CMS's inheritance chain, the most specific level winning
/// (CMS API reference, call leg profiles: an unset value is inherited "from the level above"). From the
/// bottom: the Web Admin call settings (<see cref="CmsSimulatorOptions.CallSettings"/>), the global call leg
/// profile (<c>system/profiles</c>), the tenant's, the space's, the space's own <c>defaultLayout</c>, the
/// access method dialled, the leg's own <c>callLegProfile</c>, then the values set on the leg itself
/// (<c>ownerId</c>, <c>chosenLayout</c>, overrides, <c>nameLabelOverride</c>). A real capture of a dialled-out
/// leg with no profile shows exactly the four call settings.
/// </summary>
internal static class LegConfiguration
{
    /// <summary>The order of the configuration elements: the blueprint's example answer's order for the
    /// fields it shows (participantLabels, the tone thresholds, the mute and call permissions,
    /// participantCounter), the 2.0 reference's example order for the rest (needsActivation, defaultLayout,
    /// presentation settings first; videoMode, the mutes, sipMediaEncryption … bfcpMode after), then the
    /// fields later versions added, in the order the blueprint's table lists them.</summary>
    public static readonly string[] Order =
    [
        "ownerId", "chosenLayout", "needsActivation", "defaultLayout", "participantLabels", "presentationDisplayMode",
        "presentationContributionAllowed", "presentationViewingAllowed", "joinToneParticipantThreshold",
        "leaveToneParticipantThreshold", "muteOthersAllowed", "videoMuteOthersAllowed", "muteSelfAllowed", "videoMuteSelfAllowed",
        "endCallAllowed", "disconnectOthersAllowed", "addParticipantAllowed", "changeLayoutAllowed", "callLockAllowed",
        "allowAllMuteSelfAllowed", "allowAllPresentationContributionAllowed", "changeJoinAudioMuteOverrideAllowed",
        "recordingControlAllowed", "streamingControlAllowed", "setImportanceAllowed", "participantCounter", "videoMode",
        "rxAudioMute", "txAudioMute", "rxVideoMute", "txVideoMute", "sipMediaEncryption", "audioPacketSizeMs",
        "deactivationMode", "deactivationModeTime", "telepresenceCallsAllowed", "sipPresentationChannelEnabled", "bfcpMode",
        "maxCallDurationTime", "qualityMain", "qualityPresentation", "nameLabelOverride", "controlRemoteCameraAllowed",
        "audioGainMode", "meetingTitlePosition",
    ];

    private static readonly string[] LegOwn = ["ownerId", "chosenLayout", "nameLabelOverride"];

    /// <summary>The effective values of <paramref name="leg"/>: call leg profile parameter → value, only
    /// those set at some level of the chain.</summary>
    public static Dictionary<string, string> Effective(SimCluster cluster, SimLeg leg)
    {
        var db = cluster.Database;
        var values = new Dictionary<string, string>(cluster.CallSettings, StringComparer.Ordinal);
        Inherit(values, Profile(db, db.SystemProfiles["callLegProfile"]));
        var space = leg.Call.SpaceId is { } spaceId ? db.FindSpace(spaceId) : null;
        if (space?["tenant"] is { } tenantId && db.Tenants.TryGetValue(tenantId, out var tenant))
        {
            Inherit(values, Profile(db, tenant["callLegProfile"]));
        }
        if (space is not null)
        {
            Inherit(values, Profile(db, space["callLegProfile"]));
            if (space["defaultLayout"] is { } spaceLayout)
            {
                values["defaultLayout"] = spaceLayout;
            }
            if (leg.AccessMethodId is { } methodId && space.AccessMethods.Find(m => m.Id == methodId) is { } method)
            {
                Inherit(values, Profile(db, method["callLegProfile"]));
            }
        }
        Inherit(values, Profile(db, leg["callLegProfile"]));
        Inherit(values, leg);
        foreach (var name in LegOwn)
        {
            if (leg[name] is { } value)
            {
                values[name] = value;
            }
        }
        return values;
    }

    /// <summary>The layout the leg sees: its chosen layout, else the effective default layout, else automatic.</summary>
    public static string ActiveLayout(IReadOnlyDictionary<string, string> effective) =>
        effective.GetValueOrDefault("chosenLayout") ?? effective.GetValueOrDefault("defaultLayout") ?? "automatic";

    /// <summary>Checks the configured call settings as CMS checks a call leg profile; returns them
    /// normalised, or throws naming the first bad one.</summary>
    public static Dictionary<string, string> ReadCallSettings(IReadOnlyDictionary<string, string> settings, Version version)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in settings)
        {
            if (Schemas.CallLegProfile.Find(name) is not { } spec || spec.Name == "name")
            {
                throw new InvalidOperationException(
                    $"CmsSimulator:CallSettings:{name} is not a call leg profile parameter (such as sipMediaEncryption or bfcpMode).");
            }
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            var form = Parameters.Parse($"{Uri.EscapeDataString(spec.Name)}={Uri.EscapeDataString(value)}");
            try
            {
                var read = Schemas.CallLegProfile.Read(form, create: true, new ValidationContext(version, false, (_, _) => false));
                if (read.GetValueOrDefault(spec.Name) is { } normalised)
                {
                    result[spec.Name] = normalised;
                }
            }
            catch (CmsFailure)
            {
                throw new InvalidOperationException($"CmsSimulator:CallSettings:{name} has the invalid value '{value}'.");
            }
        }
        return result;
    }

    private static CmsObject? Profile(ClusterDatabase db, string? id) =>
        id is not null && db.CallLegProfiles.TryGetValue(id, out var profile) ? profile : null;

    private static void Inherit(Dictionary<string, string> values, CmsObject? level)
    {
        if (level is null)
        {
            return;
        }
        foreach (var spec in Schemas.LegBehaviour)
        {
            if (level[spec.Name] is { } value)
            {
                values[spec.Name] = value;
            }
        }
    }
}
