namespace Convene.Cms;

public sealed partial class CmsClient
{
    /// <summary><c>GET /api/v1/outboundDialPlanRules</c>, every page (entries carry domain, priority and tenant).</summary>
    public IAsyncEnumerable<CmsOutboundDialPlanRule> ListOutboundDialPlanRulesAsync(OutboundDialPlanRuleFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        ListAsync("/api/v1/outboundDialPlanRules", "outboundDialPlanRules", "outboundDialPlanRule", filter?.ToQuery(),
            CmsOutboundDialPlanRule.Parse, cancellationToken);

    /// <summary><c>GET /api/v1/outboundDialPlanRules/{id}</c>: every value of the rule.</summary>
    public Task<CmsOutboundDialPlanRule> GetOutboundDialPlanRuleAsync(string id, CancellationToken cancellationToken = default) =>
        GetOneAsync("/api/v1/outboundDialPlanRules/" + Id(id), "outboundDialPlanRule", CmsOutboundDialPlanRule.Parse, cancellationToken);

    /// <summary><c>POST /api/v1/outboundDialPlanRules</c>; returns the new id.</summary>
    /// <exception cref="ArgumentException"><see cref="OutboundDialPlanRuleChanges.Domain"/> is not set.</exception>
    public Task<string> CreateOutboundDialPlanRuleAsync(OutboundDialPlanRuleChanges values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.Domain.IsSet || string.IsNullOrWhiteSpace(values.Domain.Value))
        {
            throw new ArgumentException("An outbound dial plan rule needs a Domain.", nameof(values));
        }
        return CreateAsync("/api/v1/outboundDialPlanRules", values.ToForm(), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/outboundDialPlanRules/{id}</c>: changes only what is set.</summary>
    /// <exception cref="ArgumentException"><paramref name="changes"/> sets nothing.</exception>
    public Task UpdateOutboundDialPlanRuleAsync(string id, OutboundDialPlanRuleChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var path = "/api/v1/outboundDialPlanRules/" + Id(id);
        return PutAsync(path, NotEmpty(changes.ToForm(), nameof(changes)), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/outboundDialPlanRules/{id}</c>.</summary>
    public Task DeleteOutboundDialPlanRuleAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("/api/v1/outboundDialPlanRules/" + Id(id), cancellationToken);
}
