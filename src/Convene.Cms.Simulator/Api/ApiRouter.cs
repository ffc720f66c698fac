using Convene.Cms.Simulator.Protocol;
using static Convene.Cms.Simulator.Protocol.Schemas;

namespace Convene.Cms.Simulator.Api;

/// <summary>Finds the handler for a path under <c>/api/v1</c>. Segment names match in any case; the
/// seed's misspelt <c>callegs</c> is accepted as CMS accepted it.</summary>
internal static class ApiRouter
{
    public static CmsResult Handle(CmsRequest r)
    {
        var db = r.Db;
        return r.Segment(0).ToLowerInvariant() switch
        {
            "system" => SystemApi.Handle(r),
            "callbridges" => CallBridgesApi.Handle(r),
            "callbridgegroups" => RoutingApi.CallBridgeGroups(r),
            "outbounddialplanrules" => RoutingApi.OutboundDialPlanRules(r),
            "dialtransforms" => RoutingApi.DialTransformsTable(r),
            "callprofiles" => SimpleTable.Handle(r, db.CallProfiles, CallProfile, "callProfile", "callProfileDoesNotExist", "call profile"),
            "calllegprofiles" => SimpleTable.Handle(r, db.CallLegProfiles, CallLegProfile, "callLegProfile", "callLegProfileDoesNotExist", "call leg profile"),
            "tenants" => SimpleTable.Handle(r, db.Tenants, Tenant, "tenant", "tenantDoesNotExist", "tenant"),
            "callbrandingprofiles" => SimpleTable.Handle(r, db.CallBrandingProfiles, CallBrandingProfile, "callBrandingProfile",
                "callBrandingProfileDoesNotExist", "call branding profile"),
            "ivrbrandingprofiles" => SimpleTable.Handle(r, db.IvrBrandingProfiles, IvrBrandingProfile, "ivrBrandingProfile",
                "ivrBrandingProfileDoesNotExist", "IVR branding profile"),
            "dtmfprofiles" => SimpleTable.Handle(r, db.DtmfProfiles, DtmfProfile, "dtmfProfile", "dtmfProfileDoesNotExist", "DTMF profile"),
            "cospaces" => SpacesApi.Handle(r),
            "cospacebulkparametersets" => BulkApi.HandleSets(r),
            "cospacebulksyncs" => BulkApi.HandleSyncs(r),
            "calls" => CallsApi.Handle(r),
            "calllegs" or "callegs" => CallLegsApi.Handle(r),
            "participants" => ParticipantsApi.Handle(r),
            _ => throw CmsFailure.UnrecognizedObject(),
        };
    }
}
