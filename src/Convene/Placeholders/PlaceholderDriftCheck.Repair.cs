using System.Globalization;
using Convene.Bridges;
using Convene.Cms;
using Microsoft.EntityFrameworkCore;

namespace Convene.Placeholders;

/// <summary>How the drift check puts placeholders back: a PUT of the values that differ, or a remake.</summary>
public sealed partial class PlaceholderDriftCheck
{
    /// <summary>What differs from the placeholder values, and the PUT that puts them back. Passcodes are
    /// never named; an opened space gets a new secret, as its guest links may have been handed out.</summary>
    private static (List<string> What, SpaceChanges Fix) Diff(Placeholder placeholder, CmsSpace space)
    {
        var number = placeholder.NumericId.ToString(CultureInfo.InvariantCulture);
        var what = new List<string>();
        var fix = new SpaceChanges();
        if (space.Name != placeholder.Name)
        {
            what.Add($"name changed to '{space.Name}'");
            fix = fix with { Name = placeholder.Name };
        }
        // CMS stores URIs lower-cased and compares them without regard to case.
        if (!string.Equals(space.Uri, number, StringComparison.OrdinalIgnoreCase))
        {
            what.Add(space.Uri is null ? "URI removed" : $"URI changed to '{space.Uri}'");
            fix = fix with { Uri = number };
        }
        if (space.CallId != number)
        {
            what.Add(space.CallId is null ? "call ID removed" : $"call ID changed to {space.CallId}");
            fix = fix with { CallId = number };
        }
        if (space.SecondaryUri is { Length: > 0 } secondary)
        {
            what.Add($"secondary URI '{secondary}' added");
            fix = fix with { SecondaryUri = CmsParam.Clear };
        }
        if (space.NonMemberAccess == true)
        {
            what.Add("opened to non-members");
            fix = fix with { NonMemberAccess = false, RegenerateSecret = true };
        }
        if (space.Passcode is { Length: > 0 })
        {
            what.Add("passcode set");
            fix = fix with { Passcode = CmsParam.Clear, RegenerateSecret = true };
        }
        return (what, fix);
    }

    /// <summary>Makes deleted placeholders again: Convene's by a re-sync of its set (which remakes every
    /// placeholder, so not while a meeting runs), adopted ones one by one.</summary>
    private async Task RemakeAsync(Bridge bridge, Findings found, bool meetingRuns, CancellationToken ct)
    {
        var own = found.Deleted.Count(p => !p.Adopted);
        if (own > 0 && meetingRuns)
        {
            found.Unrepaired.Add($"{own} deleted placeholders are made again once no meeting runs on {bridge.DisplayName} (making them re-syncs every placeholder)");
        }
        else if (own > 0)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PlaceholderProvisioning>().RunAsync(bridge.Id, ct);
            }
            var outcome = await db.Bridges.AsNoTracking().Where(b => b.Id == bridge.Id).Select(b => new { b.Provisioning, b.ProvisioningError }).FirstOrDefaultAsync(ct);
            if (outcome?.Provisioning != ProvisioningState.Complete)
            {
                found.Unrepaired.Add($"making the deleted placeholders again failed: {outcome?.ProvisioningError}");
            }
        }
        foreach (var placeholder in found.Deleted.Where(p => p.Adopted))
        {
            var number = placeholder.NumericId.ToString(CultureInfo.InvariantCulture);
            try
            {
                placeholder.SpaceId = await connections.RunAsync(bridge, (cms, _) => cms.CreateSpaceAsync(new SpaceChanges
                {
                    Name = placeholder.Name, Uri = number, CallId = number, NonMemberAccess = false,
                    CallProfile = bridge.CallProfileId, CallLegProfile = bridge.CallLegProfileId,
                }, ct));
            }
            catch (CmsApiException e) when (!e.IsTransient)
            {
                found.Unrepaired.Add($"{placeholder.NumericId} could not be made again ({e.Message})");
            }
        }
    }
}
