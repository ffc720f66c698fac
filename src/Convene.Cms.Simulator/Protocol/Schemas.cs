using static Convene.Cms.Simulator.Protocol.ParamSpec;

namespace Convene.Cms.Simulator.Protocol;

/// <summary>The parameters of each CMS object, from the API reference (shared/reference/cms-api.md §1).</summary>
internal static class Schemas
{
    public static readonly string[] Layouts =
    [
        "allEqual", "speakerOnly", "telepresence", "stacked", "allEqualQuarters", "allEqualNinths",
        "allEqualSixteenths", "allEqualTwentyFifths", "onePlusFive", "onePlusSeven", "onePlusNine",
        "automatic", "onePlusN",
    ];

    /// <summary>Call profile parameters in the order a detail answer lists them; <c>name</c> came in 3.0.</summary>
    public static readonly Schema CallProfile = new(
        Text("name", 200) with { AddedIn = new Version(3, 0) },
        Int("participantLimit", 0, 100_000),
        Bool("messageBoardEnabled") with { RemovedIn = new Version(3, 0) },
        Bool("locked"),
        Choice("recordingMode", "disabled", "manual", "automatic"),
        Choice("streamingMode", "disabled", "manual", "automatic"),
        Choice("lockMode", "all", "needsActivation") with { AddedIn = new Version(2, 9) },
        Text("sipRecorderUri") with { AddedIn = new Version(2, 9) },
        Text("sipStreamerUri") with { AddedIn = new Version(3, 0) },
        Choice("passcodeMode", "required", "timeout"),
        Int("passcodeTimeout", 0, 3600),
        Bool("gatewayAudioCallOptimization"),
        Choice("lyncConferenceMode", "dualHomeCluster", "dualHomeCallBridge", "gateway"),
        Bool("chatAllowed") with { AddedIn = new Version(3, 2) });

    /// <summary>Call leg profile parameters; also the per-leg overrides of a call leg.</summary>
    public static readonly ParamSpec[] LegBehaviour =
    [
        Bool("needsActivation"), Choice("defaultLayout", Layouts), Bool("changeLayoutAllowed"),
        Bool("participantLabels"), Choice("presentationDisplayMode", "dualStream", "singleStream"),
        Bool("presentationContributionAllowed"), Bool("presentationViewingAllowed"),
        Bool("allowAllPresentationContributionAllowed"), Bool("endCallAllowed"), Bool("disconnectOthersAllowed"),
        Bool("addParticipantAllowed"), Bool("muteOthersAllowed"), Bool("videoMuteOthersAllowed"),
        Bool("muteSelfAllowed"), Bool("videoMuteSelfAllowed"), Bool("allowAllMuteSelfAllowed"),
        Bool("changeJoinAudioMuteOverrideAllowed"), Int("joinToneParticipantThreshold", 0, 100),
        Int("leaveToneParticipantThreshold", 0, 100), Choice("videoMode", "auto", "disabled"),
        Bool("rxAudioMute"), Bool("txAudioMute"), Bool("rxVideoMute"), Bool("txVideoMute"),
        Choice("sipMediaEncryption", "optional", "required", "prohibited"), Int("audioPacketSizeMs", 10, 60),
        Choice("deactivationMode", "deactivate", "disconnect", "remainActivated"), Int("deactivationModeTime", 0, 86_400),
        Bool("telepresenceCallsAllowed"), Bool("sipPresentationChannelEnabled"), Choice("bfcpMode", "serverOnly", "serverAndClient"),
        Bool("callLockAllowed"), Bool("setImportanceAllowed"), Bool("recordingControlAllowed"), Bool("streamingControlAllowed"),
        Int("maxCallDurationTime", 0, 31_536_000),
        Choice("qualityMain", "unrestricted", "max1080p30", "max720p30", "max480p30"),
        Choice("qualityPresentation", "unrestricted", "max1080p30", "max720p5"),
        Choice("participantCounter", "never", "auto", "always"), Bool("controlRemoteCameraAllowed"),
        Choice("audioGainMode", "disabled", "agc"), Choice("meetingTitlePosition", "top", "middle", "bottom"),
    ];

    public static readonly Schema CallLegProfile = new([Text("name"), .. LegBehaviour]);

    public static readonly Schema Space = new(
        Text("name", 200), Uri("uri"), Uri("secondaryUri"), Digits("callId"), Text("cdrTag", 100), Digits("passcode"),
        Choice("defaultLayout", Layouts),
        Ref("tenant", Tables.Tenants, "tenantDoesNotExist"),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Ref("callProfile", Tables.CallProfiles, "callProfileDoesNotExist"),
        Ref("callBrandingProfile", Tables.CallBrandingProfiles, "callBrandingProfileDoesNotExist"), Text("dialInSecurityProfile"),
        Bool("requireCallId"), Text("secret", 64), Bool("regenerateSecret") with { ModifyOnly = true },
        Bool("nonMemberAccess"), Text("ownerJid"), Text("ownerAdGuid"), Text("streamUrl"),
        Text("meetingScheduler", 200) with { AddedIn = new Version(2, 2) },
        Int("panePlacementHighestImportance", 0, 1000), Choice("panePlacementSelfPaneMode", "skip", "self", "blank"));

    public static readonly Schema AccessMethod = new(
        Text("name", 200), Uri("uri"), Digits("callId"), Digits("passcode"),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Text("secret", 64), Bool("regenerateSecret") with { ModifyOnly = true },
        Choice("scope", "public", "private", "member"), Int("importance", 0, 1000), Text("dialInSecurityProfile"));

    public static readonly Schema BulkParameterSet = new(
        Int("startIndex", 0, int.MaxValue), Int("endIndex", 0, int.MaxValue),
        Text("coSpaceUriMapping"), Text("coSpaceNameMapping"), Text("coSpaceCallIdMapping"),
        Ref("tenant", Tables.Tenants, "tenantDoesNotExist"),
        Ref("callProfile", Tables.CallProfiles, "callProfileDoesNotExist"),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Ref("callBrandingProfile", Tables.CallBrandingProfiles, "callBrandingProfileDoesNotExist"), Bool("nonMemberAccess"));

    public static readonly Schema Call = new(
        Text("name", 200) with { CreateOnly = true },
        Ref("coSpace", Tables.Spaces, "coSpaceDoesNotExist") with { CreateOnly = true },
        Bool("locked"), Bool("recording"), Bool("streaming"), Bool("allowAllMuteSelf"),
        Bool("allowAllPresentationContribution"), Bool("joinAudioMuteOverride"),
        Text("messageText", 256), Choice("messagePosition", "top", "middle", "bottom"), new ParamSpec("messageDuration", ParamKind.SecondsOrPermanent),
        Bool("activeWhenEmpty"), Int("panePlacementHighestImportance", 0, 1000),
        Choice("panePlacementSelfPaneMode", "skip", "self", "blank"), Text("callCorrelator") with { CreateOnly = true },
        Ref("callBridgeGroup", Tables.CallBridgeGroups, "callBridgeGroupDoesNotExist") with { CreateOnly = true });

    public static readonly Schema CallLeg = new(
    [
        Text("remoteParty", 254) with { CreateOnly = true }, Int("bandwidth", 64_000, 20_000_000) with { CreateOnly = true },
        Bool("confirmation") with { CreateOnly = true }, Text("ownerId", 200), Choice("chosenLayout", Layouts),
        Choice("layout", Layouts), Text("dtmfSequence", 127),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"), NameLabel(),
        Bool("deactivated"), .. LegBehaviour,
    ]);

    public static readonly Schema Participant = new(
    [
        Text("remoteParty", 254) with { CreateOnly = true }, Int("bandwidth", 64_000, 20_000_000) with { CreateOnly = true },
        Bool("confirmation") with { CreateOnly = true }, Text("ownerId", 200), Choice("chosenLayout", Layouts),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Ref("callBridge", Tables.CallBridges, "callBridgeDoesNotExist") with { CreateOnly = true },
        Ref("callBridgeGroup", Tables.CallBridgeGroups, "callBridgeGroupDoesNotExist") with { CreateOnly = true }, Int("importance", 0, 1000), NameLabel(),
        Text("dtmfSequence", 127), Bool("deactivated"), .. LegBehaviour,
    ]);

    public static readonly Schema CallBridge = new(Text("name", 200), Text("address", 254), Text("sipDomain", 254),
        Ref("callBridgeGroup", Tables.CallBridgeGroups, "callBridgeGroupDoesNotExist"));

    public static readonly Schema Tenant = new(
        Text("name", 200), Text("tenantGroup"),
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Ref("callProfile", Tables.CallProfiles, "callProfileDoesNotExist"),
        Ref("dtmfProfile", Tables.DtmfProfiles, "dtmfProfileDoesNotExist"),
        Ref("ivrBrandingProfile", Tables.IvrBrandingProfiles, "ivrBrandingProfileDoesNotExist"),
        Ref("callBrandingProfile", Tables.CallBrandingProfiles, "callBrandingProfileDoesNotExist"),
        Int("participantLimit", 0, 100_000));

    /// <summary><c>uri</c> as the API reference names it; <c>url</c> as the published Postman collection sends it.</summary>
    public static readonly Schema CdrReceiver = new(Text("uri", 1024), Text("url", 1024));

    /// <summary><c>system/profiles</c>: the global (top-level) profiles, in the order of the blueprint's
    /// example answer. Other global profiles (user, compatibility, dial-in security, web bridge) are not modelled.</summary>
    public static readonly Schema SystemProfiles = new(
        Ref("callLegProfile", Tables.CallLegProfiles, "callLegProfileDoesNotExist"),
        Ref("callProfile", Tables.CallProfiles, "callProfileDoesNotExist"),
        Ref("dtmfProfile", Tables.DtmfProfiles, "dtmfProfileDoesNotExist"),
        Ref("ivrBrandingProfile", Tables.IvrBrandingProfiles, "ivrBrandingProfileDoesNotExist"),
        Ref("callBrandingProfile", Tables.CallBrandingProfiles, "callBrandingProfileDoesNotExist"));

    public static readonly Schema CallBrandingProfile = new(Text("invitationTemplate", 1024), Text("resourceLocation", 1024));

    public static readonly Schema IvrBrandingProfile = new(Text("resourceLocation", 1024));

    /// <summary>The DTMF sequences of a <c>dtmfProfile</c> (digits, <c>*</c> and <c>#</c>).</summary>
    public static readonly Schema DtmfProfile = new(
    [
        .. new[]
        {
            "lockCall", "unlockCall", "nextLayout", "previousLayout", "muteSelfAudio", "unmuteSelfAudio", "toggleMuteSelfAudio",
            "muteAllExceptSelfAudio", "unmuteAllExceptSelfAudio", "startRecording", "stopRecording", "allowAllMuteSelf",
            "cancelAllowAllMuteSelf", "allowAllPresentationContribution", "cancelAllowAllPresentationContribution", "muteAllNewAudio",
            "unmuteAllNewAudio", "defaultMuteAllNewAudio", "muteAllNewAndAllExceptSelfAudio", "unmuteAllNewAndAllExceptSelfAudio",
            "endCall", "getTotalParticipantCount",
        }.Select(name => Text(name, 32)),
    ]);

    public static readonly Schema ClusterConfiguration = new(
        Text("uniqueName", 200), Int("peerLinkBitRate", 0, 100_000_000), Int("participantLimit", 0, 100_000),
        Int("loadLimit", 0, 10_000_000), Int("newConferenceLoadLimitBasisPoints", 0, 10_000),
        Int("existingConferenceLoadLimitBasisPoints", 0, 10_000), Int("maxPeerVideoStreams", 0, 64));

    public static readonly Schema Bulk = new(Text("cospaceBulkParameterSet"), Bool("removeAll"));
}

/// <summary>Names of the referenceable tables, for <see cref="ParamSpec.ReferenceTable"/>.</summary>
internal static class Tables
{
    public const string Spaces = "coSpaces";
    public const string CallProfiles = "callProfiles";
    public const string CallLegProfiles = "callLegProfiles";
    public const string Tenants = "tenants";
    public const string CallBridges = "callBridges";
    public const string CallBridgeGroups = "callBridgeGroups";
    public const string CallBrandingProfiles = "callBrandingProfiles";
    public const string IvrBrandingProfiles = "ivrBrandingProfiles";
    public const string DtmfProfiles = "dtmfProfiles";
}
