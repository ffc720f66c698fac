using Convene.Cms.Protocol;

namespace Convene.Cms;

/// <summary>A dial-out from a call (<c>POST /calls/{id}/callLegs</c>).</summary>
/// <param name="RemoteParty">Whom to call: a SIP URI, a number, or a user's JID.</param>
public sealed record DialOut(string RemoteParty)
{
    /// <summary>The leg's bandwidth, bit/s (null = the bridge's setting).</summary>
    public int? Bandwidth { get; init; }

    /// <summary>Force (true) or skip (false) the "press a key to join" prompt; null = automatic.</summary>
    public bool? Confirmation { get; init; }

    /// <summary>A tag of the caller's choice, echoed in the leg's configuration (a new GUID when null):
    /// after a dial-out whose answer was lost, the leg is found by it.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The leg's layout.</summary>
    public Layout? ChosenLayout { get; init; }

    /// <summary>The call leg profile's id.</summary>
    public string? CallLegProfile { get; init; }

    /// <summary>DTMF to send once connected: digits, <c>*</c>, <c>#</c>, <c>,</c> (pause).</summary>
    public string? DtmfSequence { get; init; }

    /// <summary>Per-leg overrides of the profile (mutes, name label, …).</summary>
    public CallLegChanges? Overrides { get; init; }

    internal FormBody ToForm()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(RemoteParty, nameof(RemoteParty));
        if (Bandwidth is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Bandwidth), Bandwidth, "The bandwidth is in bit/s and must be positive.");
        }
        var overrides = Overrides ?? new CallLegChanges();
        if ((ChosenLayout is not null && overrides.ChosenLayout.IsSent) || (CallLegProfile is not null && overrides.CallLegProfile.IsSent)
            || (DtmfSequence is not null && overrides.DtmfSequence.IsSent))
        {
            throw new ArgumentException("A parameter is set both on the dial-out and in its overrides.", nameof(Overrides));
        }
        var form = new FormBody()
            .Add("remoteParty", RemoteParty.Trim())
            .Add("bandwidth", Bandwidth)
            .Add("confirmation", Confirmation)
            .Add("ownerId", OwnerId)
            .Add("chosenLayout", ChosenLayout is { } layout ? CmsEnum.ToWire(layout) : null)
            .Add("callLegProfile", CallLegProfile is null ? null : CmsIds.Check(CallLegProfile, nameof(CallLegProfile)))
            .Add("dtmfSequence", DtmfSequence);
        return overrides.AddTo(form);
    }
}

/// <summary>Live changes to a call leg (<c>PUT /callLegs/{id}</c>), also per-leg overrides at dial-out.
/// Left out unless set; <see cref="CmsParam.Clear"/> unsets one (the profile's value applies again).
/// The rx/tx names are the bridge's view: <see cref="RxAudioMute"/> mutes what the far end says.</summary>
public sealed record CallLegChanges
{
    /// <summary>Mutes the audio the bridge receives from the far end (the participant is muted).</summary>
    public CmsParam<bool> RxAudioMute { get; init; }

    /// <summary>Mutes the audio the bridge sends to the far end.</summary>
    public CmsParam<bool> TxAudioMute { get; init; }

    /// <summary>Stops the video the bridge receives from the far end.</summary>
    public CmsParam<bool> RxVideoMute { get; init; }

    /// <summary>Stops the video the bridge sends to the far end.</summary>
    public CmsParam<bool> TxVideoMute { get; init; }

    /// <summary>The leg's layout.</summary>
    public CmsParam<Layout> ChosenLayout { get; init; }

    /// <summary>True puts the leg in the lobby; false admits it.</summary>
    public CmsParam<bool> Deactivated { get; init; }

    /// <summary>The name shown for the leg (2.4): on its pane, in ActiveControl rosters and in CDRs; at most
    /// <see cref="NameLabelMaxBytes"/> bytes of UTF-8 (API blueprint, callLegProfile parameters). On a dial-out it names
    /// the dialled party, whose leg has no name of its own. An empty value clears it.</summary>
    public CmsParam<string> NameLabelOverride { get; init; }

    /// <summary>The longest <see cref="NameLabelOverride"/> CMS takes, in UTF-8 bytes.</summary>
    public const int NameLabelMaxBytes = 50;

    /// <summary>The call leg profile's id.</summary>
    public CmsParam<string> CallLegProfile { get; init; }

    /// <summary>DTMF to send: digits, <c>*</c>, <c>#</c>, <c>,</c> (pause).</summary>
    public CmsParam<string> DtmfSequence { get; init; }

    /// <summary>The leg must be activated (admitted) before it joins.</summary>
    public CmsParam<bool> NeedsActivation { get; init; }

    /// <summary>The far end may change its layout.</summary>
    public CmsParam<bool> ChangeLayoutAllowed { get; init; }

    /// <summary>The far end may present.</summary>
    public CmsParam<bool> PresentationContributionAllowed { get; init; }

    /// <summary>The far end sees presentations.</summary>
    public CmsParam<bool> PresentationViewingAllowed { get; init; }

    /// <summary>Names are shown on the panes.</summary>
    public CmsParam<bool> ParticipantLabels { get; init; }

    /// <summary>The far end may mute itself.</summary>
    public CmsParam<bool> MuteSelfAllowed { get; init; }

    /// <summary>The far end may end the whole call.</summary>
    public CmsParam<bool> EndCallAllowed { get; init; }

    /// <summary>What happens to the leg, if it needs activation, when the last activator leaves.</summary>
    public CmsParam<DeactivationMode> DeactivationMode { get; init; }

    /// <summary>Whole seconds after the last activator leaves before <see cref="DeactivationMode"/> applies.</summary>
    public CmsParam<int> DeactivationModeTimeSeconds { get; init; }

    internal FormBody AddTo(FormBody form)
    {
        if (CallLegProfile is { IsSet: true, Value: var profile })
        {
            CmsIds.Check(profile!, nameof(CallLegProfile));
        }
        if (NameLabelOverride is { IsSet: true, Value: var label } && System.Text.Encoding.UTF8.GetByteCount(label!) > NameLabelMaxBytes)
        {
            throw new ArgumentException($"The name label takes at most {NameLabelMaxBytes} bytes of UTF-8; \"{label}\" takes {System.Text.Encoding.UTF8.GetByteCount(label!)} (nameLabelOverride).");
        }
        return form
            .Add("rxAudioMute", RxAudioMute)
            .Add("txAudioMute", TxAudioMute)
            .Add("rxVideoMute", RxVideoMute)
            .Add("txVideoMute", TxVideoMute)
            .Add("chosenLayout", ChosenLayout)
            .Add("deactivated", Deactivated)
            .Add("nameLabelOverride", NameLabelOverride)
            .Add("callLegProfile", CallLegProfile)
            .Add("dtmfSequence", DtmfSequence)
            .Add("needsActivation", NeedsActivation)
            .Add("changeLayoutAllowed", ChangeLayoutAllowed)
            .Add("presentationContributionAllowed", PresentationContributionAllowed)
            .Add("presentationViewingAllowed", PresentationViewingAllowed)
            .Add("participantLabels", ParticipantLabels)
            .Add("muteSelfAllowed", MuteSelfAllowed)
            .Add("endCallAllowed", EndCallAllowed)
            .Add("deactivationMode", DeactivationMode)
            .Add("deactivationModeTime", DeactivationModeTimeSeconds);
    }
}

/// <summary>Filters for listing call legs; null leaves a filter out.</summary>
public sealed record CallLegFilter
{
    /// <summary>Legs whose name or address contains this text (<c>filter</c>).</summary>
    public string? Text { get; init; }

    /// <summary>The legs of this participant (<c>participantFilter</c>).</summary>
    public string? Participant { get; init; }

    /// <summary>Only legs with (true) or without (false) an owner id (<c>ownerIdSet</c>).</summary>
    public bool? OwnerIdSet { get; init; }

    /// <summary>The legs of this tenant (<c>tenantFilter</c>).</summary>
    public string? Tenant { get; init; }

    /// <summary>Legs showing this layout now (<c>activeLayoutFilter</c>).</summary>
    public Layout? ActiveLayout { get; init; }

    internal Query ToQuery() => new Query()
        .Add("filter", Text)
        .Add("participantFilter", Participant is null ? null : CmsIds.Check(Participant, nameof(Participant)))
        .Add("ownerIdSet", OwnerIdSet)
        .Add("tenantFilter", Tenant is null ? null : CmsIds.Check(Tenant, nameof(Tenant)))
        .Add("activeLayoutFilter", ActiveLayout is { } layout ? CmsEnum.ToWire(layout) : null);
}
